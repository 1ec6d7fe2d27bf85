import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PartnershipOverview } from '#app/components/partners/partnership-overview.tsx'
import { PartnershipPeople } from '#app/components/partners/partnership-people.tsx'
import { PartnershipStatusForm } from '#app/components/partners/partnership-status-form.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { can } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { getPartnership } from '#app/features/partners/get-partnership.server.ts'
import { listPartnershipPeople } from '#app/features/partners/list-partnership-people.server.ts'
import { statusIntents } from '#app/features/partners/schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { notFound } from '#app/lib/errors.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { IdSchema } from '#app/lib/ids.ts'
import { statusAction } from './_app.partners.$partnershipId.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: pageTitle(
      matches,
      'partners',
      data && (data.partnership.isHost ? data.partnership.partner : data.partnership.host).name,
    ),
  },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'partners:read')
  const id = IdSchema.safeParse(params.partnershipId)
  if (!id.success) notFound()
  const found = await runService(auth, context, async (ctx) => {
    const partnership = await getPartnership(ctx, id.data)
    return partnership ? { partnership, people: await listPartnershipPeople(ctx, partnership.id) } : null
  })
  if (!found) notFound()
  const updated = new URL(request.url).searchParams.get('updated')
  return {
    ...found,
    timeZone: auth.org.timeZone,
    canChangeStatus: found.partnership.isHost && can(auth.role, 'partners:status'),
    canReadInvoices: can(auth.role, 'invoices:read'),
    canQuote: found.partnership.isHost && can(auth.role, 'quotes:write'),
    updated: statusIntents.find((intent) => intent === updated) ?? null,
  }
}

export const action = statusAction

export default function PartnershipPage() {
  const { partnership, people, timeZone, canChangeStatus, canReadInvoices, canQuote, updated } =
    useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation('partners')
  const other = partnership.isHost ? partnership.partner : partnership.host
  return (
    <>
      <Link to="/partners" className="text-sm text-brand-700 hover:underline">
        {t('detail.back')}
      </Link>
      <PageHeader
        title={other.name}
        description={`${t(`orgKind.${other.kind}`, { ns: 'common' })} · ${other.customerCode}`}
        actions={
          <div className="flex flex-wrap gap-2">
            <Form method="post" action={`/partners/${partnership.id}/chat`}>
              <button type="submit" className={buttonClass('secondary')}>
                {t('detail.messages')}
              </button>
            </Form>
            <Form method="post" action={`/partners/${partnership.id}/files`}>
              <button type="submit" className={buttonClass('secondary')}>
                {t('detail.files')}
              </button>
            </Form>
            <Link to={`/promotions/calendar?partner=${partnership.id}`} className={buttonClass('secondary')}>
              {t('calendar:partnerLink')}
            </Link>
            {canQuote ? (
              <Link to={`/quotes/new?partnershipId=${partnership.id}`} className={buttonClass('secondary')}>
                {t('detail.newQuote')}
              </Link>
            ) : null}
            {canReadInvoices ? (
              <a href={`/partners/${partnership.id}/statement`} className={buttonClass('secondary')}>
                {t('detail.statement')}
              </a>
            ) : null}
          </div>
        }
      />
      {updated && !lastResult ? <Notice tone="success">{t(`status.updated.${updated}`)}</Notice> : null}
      <div className="space-y-8">
        <PartnershipOverview partnership={partnership} timeZone={timeZone} />
        {canChangeStatus ? (
          <PartnershipStatusForm
            key={partnership.version}
            status={partnership.status}
            version={partnership.version}
            lastResult={lastResult}
          />
        ) : !partnership.isHost ? (
          <p className="text-sm text-slate-600">{t('detail.readOnly')}</p>
        ) : null}
        <PartnershipPeople
          host={people.host}
          partner={people.partner}
          hostName={partnership.host.name}
          partnerName={partnership.partner.name}
        />
      </div>
    </>
  )
}

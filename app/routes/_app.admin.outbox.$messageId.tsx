import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LinkifiedText } from '#app/components/admin/linkified-text.tsx'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { getOutboxEmail } from '#app/features/admin/get-outbox-email.server.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { notFound, orRespond } from '#app/lib/errors.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { IdSchema } from '#app/lib/ids.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'outboxEmail') }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'outbox:read')
  const id = IdSchema.safeParse(params.messageId)
  if (!id.success) notFound()
  const email = await orRespond(() =>
    runService(auth, context, (ctx) => getOutboxEmail(ctx, { id: id.data })),
  )
  return { email, timeZone: auth.org.timeZone }
}

export default function OutboxEmailPage() {
  const { email, timeZone } = useLoaderData<typeof loader>()
  const { t } = useTranslation('admin')
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/admin/outbox" className="text-brand-700 hover:underline">
          {t('outbox.back')}
        </Link>
      </p>
      <PageHeader title={email.subject} />
      <dl className="mb-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="font-medium text-slate-600">{t('outbox.columns.to')}</dt>
        <dd>{email.toAddress}</dd>
        <dt className="font-medium text-slate-600">{t('outbox.columns.template')}</dt>
        <dd>
          <code className="text-xs">{email.template}</code>
        </dd>
        <dt className="font-medium text-slate-600">{t('outbox.columns.time')}</dt>
        <dd>
          <LocalTime value={email.createdAt} timeZone={timeZone} />
        </dd>
      </dl>
      <section aria-labelledby="email-html" className="mb-8">
        <h2 id="email-html" className="mb-2 text-base font-semibold">
          {t('outbox.html')}
        </h2>
        {/* sandbox="" : no scripts, no forms, no navigation of this page; the email is someone else's HTML. */}
        <iframe
          title={t('outbox.htmlFrame', { subject: email.subject })}
          sandbox=""
          src={`/admin/outbox/${email.id}/preview`}
          className="h-[32rem] w-full rounded-lg bg-white ring-1 ring-slate-200"
        />
      </section>
      <section aria-labelledby="email-text">
        <h2 id="email-text" className="mb-2 text-base font-semibold">
          {t('outbox.text')}
        </h2>
        <pre className="overflow-x-auto whitespace-pre-wrap rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200">
          <LinkifiedText text={email.text} />
        </pre>
      </section>
    </>
  )
}

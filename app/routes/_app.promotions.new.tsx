import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PromotionForm } from '#app/components/promotions/promotion-form.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { listPartnerships } from '#app/features/partners/list-partnerships.server.ts'
import { promotionFormReply } from '#app/features/promotions/form-reply.server.ts'
import { createPromotion } from '#app/features/promotions/save-promotion.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'newPromotion') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:write')
  const partners = await runService(auth, context, (ctx) =>
    listPartnerships(ctx, { page: 1, pageSize: 200, status: 'active' }),
  )
  return { partners: partners.rows.map((p) => ({ value: p.id, label: p.counterparty.name })) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:write')
  const form = await readForm(request)
  const partnershipId = String(form.get('partnershipId') ?? '')
  const result = await promotionFormReply(form, (input) =>
    runService(auth, context, (ctx) => createPromotion(ctx, partnershipId, input)),
  )
  return result.ok ? redirect(`/promotions/${result.value.id}`) : result.reply
}

export default function NewPromotion() {
  const { partners } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation('promotions')
  return (
    <>
      <PageHeader title={t('new.title')} description={t('new.description')} />
      {partners.length === 0 ? (
        <EmptyState title={t('new.noPartners')} />
      ) : (
        <PromotionForm
          partners={partners}
          lastResult={lastResult}
          defaultValue={{
            mechanics: 'display',
            plannedSpend: '0.00',
            partnerContribution: '0.00',
            expectedLift: '0',
          }}
          submitLabel={t('new.create')}
        />
      )}
    </>
  )
}

import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ClaimCard } from '#app/components/claims/claim-card.tsx'
import { ClaimFormError, type ClaimReplyData, replyFor } from '#app/components/claims/claim-form-error.tsx'
import { FileClaimForm } from '#app/components/claims/file-claim-form.tsx'
import { PromotionTabs } from '#app/components/promotions/promotion-tabs.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { getPromotionClaims } from '#app/features/claims/get-promotion-claims.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { formatMoney } from '#app/lib/money.ts'
import { readPage } from '#app/lib/pagination.ts'
import { fileClaimAction } from './_app.promotions.$promotionId_.claims.server.ts'

const PAGE_SIZE = 20

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'claims', data?.promotion.name) },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  const page = readPage(new URL(request.url), PAGE_SIZE)
  const view = await orRespond(() =>
    runService(auth, context, (ctx) => getPromotionClaims(ctx, params.promotionId ?? '', page)),
  )
  // A fresh key per rendered form: resubmitting this very form (double click, retry) files one claim.
  return { ...view, page: page.page, pageSize: page.pageSize, idempotencyKey: crypto.randomUUID() }
}

export const action = fileClaimAction

/** A promotion's claims: what was claimed and decided, the money left, and the partner's form to claim. */
export default function PromotionClaimsTab() {
  const view = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as ClaimReplyData | undefined
  const [search] = useSearchParams()
  const { t, i18n } = useTranslation('claims')
  const { t: tp } = useTranslation('promotions')
  const p = view.promotion
  const money = (n: number) => formatMoney(n, p.currency, i18n.language)
  const done = search.has('filed')
    ? 'file.filed'
    : search.has('decided')
      ? 'decide.done'
      : search.has('settled')
        ? 'settle.done'
        : null
  return (
    <>
      <PageHeader
        title={p.name}
        description={`${view.otherName} · ${p.startsOn} – ${p.endsOn} · ${tp(`status.${p.status}`)}`}
      />
      <PromotionTabs promotionId={p.id} />
      {done ? <Notice tone="success">{t(done)}</Notice> : null}
      {/* A refusal whose form is not shown (the deadline passed meanwhile, or not the claimant's side) is still said. */}
      {view.can.file ? null : <ClaimFormError reply={replyFor(reply, 'file')} />}
      <dl className="mb-6 grid gap-3 sm:grid-cols-4">
        {(
          [
            ['approved', p.approvedAmount === null ? '—' : money(p.approvedAmount)],
            ['spent', money(view.funds.spent)],
            ['remaining', money(Math.max(view.funds.remaining, 0))],
            ['deadline', view.deadline],
          ] as const
        ).map(([key, value]) => (
          <div key={key} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs uppercase text-slate-500">{t(`tab.${key}`)}</dt>
            <dd className="text-lg font-semibold text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {view.claims.length === 0 ? (
        <EmptyState
          title={t('tab.none')}
          body={view.side === 'partner' ? t('tab.noneBodyPartner') : t('tab.noneBodyHost')}
        />
      ) : (
        <ul className="space-y-3" aria-label={t('title')}>
          {view.claims.map((c) => (
            <ClaimCard
              key={c.id}
              claim={c}
              canDecide={view.can.decide}
              remaining={money(Math.max(view.funds.remaining, 0))}
            />
          ))}
        </ul>
      )}
      <Pagination page={view.page} pageSize={view.pageSize} total={view.total} />
      {view.can.file ? (
        <FileClaimForm
          idempotencyKey={view.idempotencyKey}
          currency={p.currency}
          deadline={view.deadline}
          reply={replyFor(reply, 'file')}
        />
      ) : view.can.fileRefusal ? (
        <p className="mt-8 text-sm text-slate-600">
          {t('file.closed')} {t(view.can.fileRefusal, { deadline: view.deadline })}
        </p>
      ) : null}
    </>
  )
}

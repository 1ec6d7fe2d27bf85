import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { ClaimFormError, type ClaimReplyData, replyFor } from '#app/components/claims/claim-form-error.tsx'
import { ClaimStatusBadge } from '#app/components/claims/claim-status-badge.tsx'
import { DecideClaimForm } from '#app/components/claims/decide-claim-form.tsx'
import { AddProofForm, ProofList } from '#app/components/claims/proof-list.tsx'
import { SettleClaimForm } from '#app/components/claims/settle-claim-form.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { getClaim } from '#app/features/claims/get-claim.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { formatMoney } from '#app/lib/money.ts'
import { claimAction } from './_app.claims.$claimId.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'claim', data?.promotion.name) },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  return orRespond(() => runService(auth, context, (ctx) => getClaim(ctx, params.claimId ?? '')))
}

export const action = claimAction

const notices = { decided: 'decide.done', settled: 'settle.done', proofs: 'detail.proofsAdded' } as const

/** One claim: amounts, what was done, its proof (previewed), its history, and the next step. */
export default function ClaimPage() {
  const view = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as ClaimReplyData | undefined
  const [search] = useSearchParams()
  const { t, i18n } = useTranslation('claims')
  const c = view.claim
  const money = (n: number) => formatMoney(n, c.currency, i18n.language)
  const done = (Object.keys(notices) as (keyof typeof notices)[]).find((k) => search.has(k))
  const someone = t('detail.someone')
  const shown = { decide: view.can.decide, settle: view.can.settle, proofs: view.can.addProof, file: false }
  return (
    <>
      <PageHeader
        title={`${view.promotion.name}: ${money(c.amount)}`}
        description={t('detail.description', { promotion: view.promotion.name, partner: view.partnerName })}
        actions={
          <Link
            to={`/promotions/${view.promotion.id}/claims`}
            className="text-sm text-brand-700 hover:underline"
          >
            {t('detail.back')}
          </Link>
        }
      />
      {done ? <Notice tone="success">{t(notices[done])}</Notice> : null}
      {/* A refusal whose form is gone (someone decided first) is still said. */}
      {reply && !shown[reply.form] ? <ClaimFormError reply={reply} /> : null}
      <dl className="mb-6 grid gap-3 sm:grid-cols-3">
        <div className="rounded-lg border border-slate-200 bg-white p-3">
          <dt className="text-xs uppercase text-slate-500">{t('detail.claimed')}</dt>
          <dd className="text-lg font-semibold text-slate-900">{money(c.amount)}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-3">
          <dt className="text-xs uppercase text-slate-500">{t('detail.approved')}</dt>
          <dd className="text-lg font-semibold text-slate-900">
            {c.approvedAmount === null ? '—' : money(c.approvedAmount)}
          </dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-3">
          <dt className="text-xs uppercase text-slate-500">{t('detail.status')}</dt>
          <dd className="mt-1">
            <ClaimStatusBadge status={c.status} />
          </dd>
        </div>
      </dl>
      <h2 className="mb-1 text-sm font-semibold text-slate-900">{t('detail.what')}</h2>
      <p className="mb-6 whitespace-pre-wrap text-sm text-slate-700">{c.description}</p>

      {view.can.decide ? (
        <section
          aria-labelledby="decide-title"
          className="mb-6 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 id="decide-title" className="mb-2 text-lg font-semibold text-slate-900">
            {t('decide.title')}
          </h2>
          <DecideClaimForm
            claimId={c.id}
            version={c.version}
            from="claim"
            remaining={money(Math.max(view.remaining, 0))}
            reply={replyFor(reply, 'decide', c.id)}
          />
        </section>
      ) : null}
      {view.can.settle ? (
        <section
          aria-labelledby="settle-title"
          className="mb-6 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 id="settle-title" className="mb-2 text-lg font-semibold text-slate-900">
            {t('settle.title')}
          </h2>
          <SettleClaimForm
            claimId={c.id}
            version={c.version}
            from="claim"
            reply={replyFor(reply, 'settle', c.id)}
          />
        </section>
      ) : null}

      <section aria-labelledby="proofs-title" className="mb-6">
        <h2 id="proofs-title" className="mb-2 text-lg font-semibold text-slate-900">
          {t('detail.proofs')}
        </h2>
        <ProofList claimId={c.id} proofs={view.proofs} />
        {view.can.addProof ? <AddProofForm reply={replyFor(reply, 'proofs', c.id)} /> : null}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title" className="mb-2 text-lg font-semibold text-slate-900">
          {t('detail.history')}
        </h2>
        <ol className="space-y-1 text-sm text-slate-700">
          <li>
            <LocalTime value={c.createdAt} /> ·{' '}
            {t('detail.filedBy', { name: c.filedBy ?? someone, amount: money(c.amount) })}
          </li>
          {view.proofs
            .filter((p) => p.createdAt > c.createdAt)
            .map((p) => (
              <li key={p.id}>
                <LocalTime value={p.createdAt} /> ·{' '}
                {t('detail.proofAdded', { name: p.uploadedBy ?? someone, file: p.fileName })}
              </li>
            ))}
          {c.decidedAt && c.status !== 'submitted' ? (
            <li>
              <LocalTime value={c.decidedAt} /> ·{' '}
              {t(
                `detail.${c.status === 'settled' ? (c.approvedAmount === c.amount ? 'approved' : 'partially_approved') : c.status}By`,
                {
                  name: c.decidedBy ?? someone,
                  approved: money(c.approvedAmount ?? 0),
                  amount: money(c.amount),
                  reason: c.decisionReason ?? '',
                },
              )}
            </li>
          ) : null}
          {c.settledAt && c.settlementMethod ? (
            <li>
              <LocalTime value={c.settledAt} /> ·{' '}
              {t('detail.settledAs', {
                method: t(`method.${c.settlementMethod}`),
                reference: c.settlementReference ?? '',
              })}
            </li>
          ) : null}
        </ol>
      </section>
    </>
  )
}

import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { formatBytes } from '#app/features/documents/names.ts'
import { formatMoney } from '#app/lib/money.ts'
import type { ClaimReplyData } from './claim-form-error.tsx'
import { replyFor } from './claim-form-error.tsx'
import { ClaimStatusBadge } from './claim-status-badge.tsx'
import type { ClaimListRow } from './claims-table.tsx'
import { DecideClaimForm } from './decide-claim-form.tsx'
import { SettleClaimForm } from './settle-claim-form.tsx'

export type ClaimCardRow = Omit<ClaimListRow, 'proofs'> & {
  version: number
  decisionReason: string | null
  settlementMethod: string | null
  settlementReference: string | null
  proofs: { id: string; fileName: string; contentType: string; size: number }[]
}

/** One claim on a promotion's Claims tab: amounts, proofs to download, and the host's decide or settle form. */
export function ClaimCard({
  claim,
  canDecide,
  remaining,
  reply,
}: {
  claim: ClaimCardRow
  canDecide: boolean
  remaining: string
  reply?: ClaimReplyData
}) {
  const { t, i18n } = useTranslation('claims')
  const money = (n: number) => formatMoney(n, claim.currency, i18n.language)
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <Link to={`/claims/${claim.id}`} className="font-medium text-brand-700 hover:underline">
            {money(claim.amount)}
          </Link>{' '}
          <span className="text-sm text-slate-600">
            · <LocalTime value={claim.createdAt} dateOnly />
          </span>
          <p className="mt-1 whitespace-pre-wrap text-sm text-slate-700">{claim.description}</p>
        </div>
        <div className="text-end text-sm">
          <ClaimStatusBadge status={claim.status} />
          {claim.approvedAmount !== null ? (
            <p className="mt-1 text-slate-700">
              {t('table.approved')}: {money(claim.approvedAmount)}
            </p>
          ) : null}
        </div>
      </div>
      {claim.decisionReason ? <p className="mt-2 text-sm text-slate-600">{claim.decisionReason}</p> : null}
      {claim.settlementReference && claim.settlementMethod ? (
        <p className="mt-1 text-sm text-slate-600">
          {t('detail.settledAs', {
            method: t(`method.${claim.settlementMethod}`),
            reference: claim.settlementReference,
          })}
        </p>
      ) : null}
      <ul aria-label={t('table.proofs')} className="mt-2 flex flex-wrap gap-2 text-sm">
        {claim.proofs.map((p) => (
          <li key={p.id}>
            <a
              href={`/claims/${claim.id}/proofs/${p.id}/download`}
              className="rounded bg-slate-100 px-2 py-0.5 text-slate-800 hover:underline"
            >
              {p.fileName} ({formatBytes(p.size, i18n.language)})
            </a>
          </li>
        ))}
        {claim.proofs.length === 0 ? <li className="text-slate-500">{t('detail.noProofs')}</li> : null}
      </ul>
      {canDecide && claim.status === 'submitted' ? (
        <div className="mt-3 border-t border-slate-100 pt-3">
          <DecideClaimForm
            claimId={claim.id}
            version={claim.version}
            from="tab"
            remaining={remaining}
            reply={replyFor(reply, 'decide', claim.id)}
          />
        </div>
      ) : null}
      {canDecide && (claim.status === 'approved' || claim.status === 'partially_approved') ? (
        <div className="mt-3 border-t border-slate-100 pt-3">
          <SettleClaimForm
            claimId={claim.id}
            version={claim.version}
            from="tab"
            reply={replyFor(reply, 'settle', claim.id)}
          />
        </div>
      ) : null}
    </li>
  )
}

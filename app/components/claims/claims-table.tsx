import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import { formatMoney } from '#app/lib/money.ts'
import type { ClaimStatus } from '#db/schema/claims.ts'
import { ClaimStatusBadge } from './claim-status-badge.tsx'

export type ClaimListRow = {
  id: string
  promotionId: string
  promotionName: string
  partnerName: string
  description: string
  amount: number
  approvedAmount: number | null
  currency: string
  status: ClaimStatus
  createdAt: string
  proofs: { id: string }[]
}

/** The claims queue: one row per claim, opening the claim's page. */
export function ClaimsTable({ rows }: { rows: ClaimListRow[] }) {
  const { t, i18n } = useTranslation('claims')
  const money = (n: number | null, currency: string) =>
    n === null ? '—' : formatMoney(n, currency, i18n.language)
  return (
    <Table caption={t('table.caption')}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t('table.claim')}</Th>
          <Th>{t('table.promotion')}</Th>
          <Th>{t('table.partner')}</Th>
          <Th>{t('table.filed')}</Th>
          <Th className="text-end">{t('table.amount')}</Th>
          <Th className="text-end">{t('table.approved')}</Th>
          <Th>{t('table.status')}</Th>
          <Th>{t('table.proofs')}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((c) => (
          <Tr key={c.id}>
            <Td>
              <Link to={`/claims/${c.id}`} className="font-medium text-brand-700 hover:underline">
                {c.description.length > 60 ? `${c.description.slice(0, 60)}…` : c.description}
              </Link>
            </Td>
            <Td>
              <Link to={`/promotions/${c.promotionId}/claims`} className="hover:underline">
                {c.promotionName}
              </Link>
            </Td>
            <Td>{c.partnerName}</Td>
            <Td>
              <LocalTime value={c.createdAt} dateOnly />
            </Td>
            <Td className="text-end">{money(c.amount, c.currency)}</Td>
            <Td className="text-end">{money(c.approvedAmount, c.currency)}</Td>
            <Td>
              <ClaimStatusBadge status={c.status} />
            </Td>
            <Td>
              {c.proofs.length ? t('table.proofCount', { count: c.proofs.length }) : t('table.noProof')}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  )
}

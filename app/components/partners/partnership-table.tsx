import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import type { PartnershipListRow } from '#app/features/partners/list-partnerships.server.ts'
import { formatDate } from './format.ts'
import { PartnershipStatusBadge } from './partnership-status-badge.tsx'

export type PartnershipTableRow = Omit<PartnershipListRow, 'createdAt'> & { createdAt: Date | string }

/** The directory table; also rendered by the benchmark's bare server, so both send the same markup. */
export function PartnershipTable({ rows, timeZone }: { rows: PartnershipTableRow[]; timeZone: string }) {
  const { t, i18n } = useTranslation('partners')
  return (
    <Table caption={t('directory.caption')}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t('directory.columns.name')}</Th>
          <Th>{t('directory.columns.kind')}</Th>
          <Th>{t('directory.columns.code')}</Th>
          <Th>{t('directory.columns.partnershipKind')}</Th>
          <Th>{t('directory.columns.tier')}</Th>
          <Th>{t('directory.columns.status')}</Th>
          <Th>{t('directory.columns.manager')}</Th>
          <Th>{t('directory.columns.created')}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <Tr key={row.id}>
            <Td className="font-medium text-slate-900">
              <Link to={`/partners/${row.id}`} className="text-brand-700 hover:underline">
                {row.counterparty.name}
              </Link>
            </Td>
            <Td>{t(`orgKind.${row.counterparty.kind}`, { ns: 'common' })}</Td>
            <Td className="font-mono text-xs">{row.counterparty.customerCode}</Td>
            <Td>{t(`kind.${row.kind}`)}</Td>
            <Td>{t(`tier.${row.tier}`)}</Td>
            <Td>
              <PartnershipStatusBadge status={row.status} />
            </Td>
            <Td>{row.accountManagerName ?? t('none')}</Td>
            <Td className="whitespace-nowrap">{formatDate(row.createdAt, i18n.language, timeZone)}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  )
}

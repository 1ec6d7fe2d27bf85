import { useTranslation } from 'react-i18next'
import { Badge } from '#app/components/ui/badge.tsx'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import type { AccuracyOf, LineAccuracy } from '#app/features/forecasts/accuracy.ts'
import { formatShare } from './format.ts'

type Names = { hostOrgName: string; partnerOrgName: string }
type Row = AccuracyOf & { productId: string; sku: string; name: string }

const lines = ['host', 'partner', 'consensus'] as const

function LineCells({ accuracy }: { accuracy: LineAccuracy }) {
  const { i18n } = useTranslation()
  return (
    <>
      <Td className="text-end tabular-nums">{formatShare(accuracy.mape, i18n.language)}</Td>
      <Td className="text-end tabular-nums">{formatShare(accuracy.bias, i18n.language, true)}</Td>
      <Td className="text-end tabular-nums">{accuracy.weeks}</Td>
    </>
  )
}

function Closer({ closer, names }: { closer: AccuracyOf['closer']; names: Names }) {
  const { t } = useTranslation('forecastVersions')
  if (!closer) return <span className="text-slate-500">{t('accuracy.tie')}</span>
  return <Badge tone="green">{closer === 'host' ? names.hostOrgName : names.partnerOrgName}</Badge>
}

/** MAPE, bias and weeks counted per product for each side and the consensus, who was closer, and the plan's totals. */
export function AccuracyTable({ rows, total, names }: { rows: Row[]; total: AccuracyOf; names: Names }) {
  const { t } = useTranslation('forecastVersions')
  const lineName = (line: (typeof lines)[number]) =>
    line === 'consensus' ? t('line.consensus') : line === 'host' ? names.hostOrgName : names.partnerOrgName
  return (
    <Table caption={t('accuracy.caption')}>
      <thead className="bg-slate-50">
        <tr>
          <Th rowSpan={2}>{t('compare.product')}</Th>
          {lines.map((line) => (
            <Th key={line} colSpan={3} className="text-center">
              {lineName(line)}
            </Th>
          ))}
          <Th rowSpan={2}>{t('accuracy.closer')}</Th>
        </tr>
        <tr>
          {lines.flatMap((line) => [
            <Th key={`${line}-mape`} className="text-end text-xs">
              {t('accuracy.mape')}
            </Th>,
            <Th key={`${line}-bias`} className="text-end text-xs">
              {t('accuracy.bias')}
            </Th>,
            <Th key={`${line}-weeks`} className="text-end text-xs">
              {t('accuracy.weeks')}
            </Th>,
          ])}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <Tr key={r.productId}>
            <Td>
              <span className="font-medium">{r.sku}</span> <span className="text-slate-600">{r.name}</span>
            </Td>
            {lines.map((line) => (
              <LineCells key={line} accuracy={r[line]} />
            ))}
            <Td>
              <Closer closer={r.closer} names={names} />
            </Td>
          </Tr>
        ))}
        <tr className="bg-slate-50 font-semibold">
          <Th scope="row">{t('accuracy.total')}</Th>
          {lines.map((line) => (
            <LineCells key={line} accuracy={total[line]} />
          ))}
          <Td>
            <Closer closer={total.closer} names={names} />
          </Td>
        </tr>
      </tbody>
    </Table>
  )
}

import { useTranslation } from 'react-i18next'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import type { compareVersions } from '#app/features/forecasts/compare-versions.server.ts'
import { formatDelta, formatShare, formatUnits } from './format.ts'

type Comparison = Awaited<ReturnType<typeof compareVersions>>
type Change = { old: number | null; new: number | null; delta: number; share: number | null }
type Names = { hostOrgName: string; partnerOrgName: string }

/** A line's name in a table header: the consensus, or the side's organization. */
export function useLineName(names: Names) {
  const { t } = useTranslation('forecastVersions')
  return (line: Comparison['lines'][number]) =>
    line === 'consensus' ? t('line.consensus') : line === 'host' ? names.hostOrgName : names.partnerOrgName
}

function ChangeCells({ change }: { change: Change | undefined }) {
  const { i18n } = useTranslation()
  const lang = i18n.language
  if (!change) return <Td colSpan={3}>—</Td>
  const moved = change.old !== change.new
  return (
    <>
      <Td className="text-end tabular-nums">{formatUnits(change.old, lang)}</Td>
      <Td className={`text-end tabular-nums ${moved ? 'font-semibold' : ''}`}>
        {formatUnits(change.new, lang)}
      </Td>
      <Td className="text-end tabular-nums">
        {formatDelta(change.delta, lang)} ({formatShare(change.share, lang, true)})
      </Td>
    </>
  )
}

function LineHeaders({ lines, names }: { lines: Comparison['lines']; names: Names }) {
  const lineName = useLineName(names)
  return (
    <>
      {lines.map((line) => (
        <Th key={line} colSpan={3} className="text-center">
          {lineName(line)}
        </Th>
      ))}
    </>
  )
}

function SubHeaders({ lines }: { lines: Comparison['lines'] }) {
  const { t } = useTranslation('forecastVersions')
  return (
    <tr>
      <Th />
      <Th />
      {lines.flatMap((line) => [
        <Th key={`${line}-old`} className="text-end text-xs">
          {t('compare.old')}
        </Th>,
        <Th key={`${line}-new`} className="text-end text-xs">
          {t('compare.new')}
        </Th>,
        <Th key={`${line}-delta`} className="text-end text-xs">
          {t('compare.delta')}
        </Th>,
      ])}
    </tr>
  )
}

/** The cells that changed between the two states, a page of them, each line's old, new and delta. */
export function ChangedCells({ comparison, names }: { comparison: Comparison; names: Names }) {
  const { t } = useTranslation('forecastVersions')
  return (
    <Table caption={t('compare.cellsCaption')}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t('compare.product')}</Th>
          <Th>{t('compare.week')}</Th>
          <LineHeaders lines={comparison.lines} names={names} />
        </tr>
        <SubHeaders lines={comparison.lines} />
      </thead>
      <tbody className="divide-y divide-slate-100">
        {comparison.cells.map((c) => (
          <Tr key={`${c.productId}|${c.weekStart}`}>
            <Td>
              <span className="font-medium">{c.sku}</span> <span className="text-slate-600">{c.name}</span>
            </Td>
            <Td className="whitespace-nowrap">{c.weekStart}</Td>
            {comparison.lines.map((line) => (
              <ChangeCells key={line} change={c[line]} />
            ))}
          </Tr>
        ))}
      </tbody>
    </Table>
  )
}

/** Totals of every cell of the products that changed, and of the whole plan on the last row. */
export function ProductTotals({ comparison, names }: { comparison: Comparison; names: Names }) {
  const { t } = useTranslation('forecastVersions')
  return (
    <Table caption={t('compare.totalsCaption')}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t('compare.product')}</Th>
          <Th className="text-end">{t('compare.changedCells')}</Th>
          <LineHeaders lines={comparison.lines} names={names} />
        </tr>
        <SubHeaders lines={comparison.lines} />
      </thead>
      <tbody className="divide-y divide-slate-100">
        {comparison.products.map((p) => (
          <Tr key={p.productId}>
            <Td>
              <span className="font-medium">{p.sku}</span> <span className="text-slate-600">{p.name}</span>
            </Td>
            <Td className="text-end tabular-nums">{p.changedCells}</Td>
            {comparison.lines.map((line) => (
              <ChangeCells key={line} change={p[line]} />
            ))}
          </Tr>
        ))}
        <tr className="bg-slate-50 font-semibold">
          <Th scope="row">{t('compare.overall')}</Th>
          <Td className="text-end tabular-nums">{comparison.changedCells}</Td>
          {comparison.lines.map((line) => (
            <ChangeCells key={line} change={comparison.overall[line]} />
          ))}
        </tr>
      </tbody>
    </Table>
  )
}

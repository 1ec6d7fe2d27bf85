import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Badge } from '#app/components/ui/badge.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import type { ForecastSetupPage } from '#app/features/forecasts/get-forecast-setup.server.ts'

type Row = ForecastSetupPage['rows'][number]

const small = (variant: 'secondary' | 'ghost') => buttonClass(variant, 'px-2 py-1')

/**
 * The plan's rows in grid order. While the plan is editable each moves up or down and goes when only the caller's
 * own figures are on it; otherwise the row says why it stays.
 */
export function ForecastRows({
  rows,
  total,
  editable,
  otherName,
}: {
  rows: Row[]
  total: number
  editable: boolean
  otherName: string
}) {
  const { t } = useTranslation('forecastSetup')
  if (rows.length === 0) {
    return <EmptyState title={t('rows.none')} body={editable ? t('rows.noneBody') : t('rows.noneReadOnly')} />
  }
  return (
    <Table caption={t('rows.caption')}>
      <thead className="bg-slate-50">
        <tr>
          <Th className="w-12 text-end">#</Th>
          <Th>{t('rows.sku')}</Th>
          <Th>{t('rows.name')}</Th>
          <Th>{t('rows.source')}</Th>
          {editable ? <Th>{t('rows.actions')}</Th> : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <Tr key={r.id}>
            <Td className="text-end tabular-nums text-slate-500">{r.index + 1}</Td>
            <Td className="font-medium text-slate-900">{r.sku}</Td>
            <Td>{r.name}</Td>
            <Td>
              <Badge tone={r.fromCatalogue ? 'blue' : 'slate'}>
                {t(r.fromCatalogue ? 'rows.catalogue' : 'rows.typed')}
              </Badge>
            </Td>
            {editable ? (
              <Td>
                <div className="flex flex-wrap items-center gap-2">
                  <Form method="post" className="flex gap-1">
                    <input type="hidden" name="intent" value="move" />
                    <input type="hidden" name="rowId" value={r.id} />
                    <button
                      type="submit"
                      name="to"
                      value={r.index - 1}
                      disabled={r.index === 0}
                      className={small('secondary')}
                      aria-label={t('rows.moveUp', { sku: r.sku })}
                    >
                      ↑
                    </button>
                    <button
                      type="submit"
                      name="to"
                      value={r.index + 1}
                      disabled={r.index === total - 1}
                      className={small('secondary')}
                      aria-label={t('rows.moveDown', { sku: r.sku })}
                    >
                      ↓
                    </button>
                  </Form>
                  {r.block ? (
                    <span className="text-xs text-slate-500">
                      {t(`rows.keeps.${r.block.reason}`, { ...r.block, org: otherName })}
                    </span>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="rowId" value={r.id} />
                      <button
                        type="submit"
                        className={small('ghost')}
                        aria-label={t('rows.removeLabel', { sku: r.sku })}
                      >
                        <span className="text-red-700">
                          {r.ownFigures > 0
                            ? t('rows.removeWithFigures', { count: r.ownFigures })
                            : t('rows.remove')}
                        </span>
                      </button>
                    </Form>
                  )}
                </div>
              </Td>
            ) : null}
          </Tr>
        ))}
      </tbody>
    </Table>
  )
}

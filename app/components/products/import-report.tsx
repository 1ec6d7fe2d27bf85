import { useTranslation } from 'react-i18next'
import { ImportErrors } from '#app/components/ui/import-errors.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import type { CsvError } from '#app/features/products/csv.ts'

export type ImportOutcome =
  | { status: 'imported'; created: number; updated: number; unchanged: number }
  | { status: 'unreadable'; message: string; values?: Record<string, unknown> }
  | { status: 'invalid'; errors: CsvError[]; total: number }

/** The answer to an upload: the counts, or every problem with its line number (announced as an alert). */
export function ImportReport({ outcome, id }: { outcome: ImportOutcome; id: string }) {
  const { t } = useTranslation('products')
  if (outcome.status === 'imported') {
    return (
      <Notice tone="success">
        {t('import.done', { created: outcome.created, updated: outcome.updated })}
        {outcome.unchanged > 0 ? ` ${t('import.unchanged', { count: outcome.unchanged })}` : null}
      </Notice>
    )
  }
  if (outcome.status === 'unreadable') {
    return <Notice tone="error">{t(outcome.message, { ns: 'common', ...outcome.values })}</Notice>
  }
  return <ImportErrors ns="products" id={id} errors={outcome.errors} total={outcome.total} />
}

import { useTranslation } from 'react-i18next'
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
  const line = (e: CsvError) =>
    t(e.column ? 'import.lineError' : 'import.lineErrorNoColumn', {
      line: e.line,
      column: e.column,
      message: t(e.message, { ns: 'common', ...e.values }),
    })
  return (
    <section
      id={id}
      role="alert"
      aria-labelledby={`${id}-title`}
      className="mb-4 rounded-md bg-red-50 p-4 text-sm text-red-800 ring-1 ring-red-600/20"
    >
      <h2 id={`${id}-title`} className="font-semibold">
        {t('import.failedTitle')}
      </h2>
      <p className="mt-1">{t('import.failedBody', { count: outcome.total })}</p>
      {outcome.total > outcome.errors.length ? (
        <p className="mt-1">{t('import.capped', { shown: outcome.errors.length, total: outcome.total })}</p>
      ) : null}
      <ul className="mt-2 list-disc space-y-0.5 ps-5">
        {outcome.errors.map((e) => (
          <li key={`${e.line}-${e.column ?? ''}-${e.message}`}>{line(e)}</li>
        ))}
      </ul>
    </section>
  )
}

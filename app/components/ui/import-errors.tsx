import { useTranslation } from 'react-i18next'

export type LineError = { line: number; column?: string; message: string; values?: Record<string, unknown> }

/**
 * Every problem of a refused CSV file with its line (and column), announced as an alert; `total` says how many
 * there were when only the first ones are shown. Texts come from `<ns>:import.*` (lineError, failedTitle, …).
 */
export function ImportErrors({
  ns,
  id,
  errors,
  total,
}: {
  ns: string
  id: string
  errors: LineError[]
  total: number
}) {
  const { t } = useTranslation(ns)
  const line = (e: LineError) =>
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
      <p className="mt-1">{t('import.failedBody', { count: total })}</p>
      {total > errors.length ? (
        <p className="mt-1">{t('import.capped', { shown: errors.length, total })}</p>
      ) : null}
      <ul className="mt-2 list-disc space-y-0.5 ps-5">
        {errors.map((e) => (
          <li key={`${e.line}-${e.column ?? ''}-${e.message}`}>{line(e)}</li>
        ))}
      </ul>
    </section>
  )
}

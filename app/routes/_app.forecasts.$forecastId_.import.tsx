import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ForecastTabs } from '#app/components/forecasts/forecast-tabs.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { CsvUploadForm } from '#app/components/ui/csv-upload-form.tsx'
import { ImportErrors } from '#app/components/ui/import-errors.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { findForecast } from '#app/features/forecasts/find-forecast.server.ts'
import {
  forecastImportView,
  importForecastCsv,
  MAX_FORECAST_IMPORT_BYTES,
} from '#app/features/forecasts/import-forecast-csv.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { csvImportResponse } from '#app/lib/csv-import-response.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'forecastImport', data?.name) },
]

// Remix sends an action's headers only through this export (Connection: close after a refused upload).
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders

// import.tooLarge is a figure's message: the upload's own refusals have their keys.
const uploadRefusals = {
  tooLarge: 'forecasts:import.fileTooLarge',
  noFile: 'forecasts:import.noFile',
  notCsv: 'forecasts:import.notCsv',
} as const

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:read')
  const view = await orRespond(() =>
    runService(auth, context, (ctx) => forecastImportView(ctx, params.forecastId ?? '')),
  )
  return { ...view, maxMb: MAX_FORECAST_IMPORT_BYTES / 1_000_000 }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:read')
  const id = params.forecastId ?? ''
  // The plan before the upload: another org's plan is a 404 and its body is never read.
  await orRespond(() => runService(auth, context, (ctx) => findForecast(ctx, id)))
  return csvImportResponse(request, {
    maxBytes: MAX_FORECAST_IMPORT_BYTES,
    refusal: (reason) => uploadRefusals[reason],
    run: async (bytes) => {
      const result = await runService(auth, context, (ctx) => importForecastCsv(ctx, id, { bytes }))
      if (result.status !== 'imported') return result
      const { lines, side, proposed, accepted } = result
      // The other side's line never changes by import: the outcome names the lines this side may write.
      return {
        status: 'imported' as const,
        own: lines[side],
        consensus: lines.consensus,
        actual: lines.actual,
        proposed,
        accepted,
      }
    },
  })
}

/** Figures from a CSV file: the format, the export as template, the upload, and every problem by line and column. */
export default function ImportForecastPage() {
  const view = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const { t } = useTranslation('forecasts')
  const base = `/forecasts/${view.id}`
  return (
    <>
      <PageHeader
        title={view.name}
        description={t('import.title')}
        actions={
          <>
            <a href={`${base}/export.csv`} download className={buttonClass('secondary')}>
              {t('export.csv')}
            </a>
            <a href={`${base}/export.xlsx`} download className={buttonClass('secondary')}>
              {t('export.xlsx')}
            </a>
          </>
        }
      />
      <ForecastTabs forecastId={view.id} />
      {outcome?.status === 'imported' ? (
        <Notice tone="success">
          <p className="font-semibold">{t('import.doneTitle')}</p>
          <ul className="mt-1 list-disc ps-5">
            <li>{t('import.outcomeLine', { line: view.lineCode, ...outcome.own })}</li>
            <li>
              {t('import.outcomeConsensus', {
                proposed: outcome.proposed,
                accepted: outcome.accepted,
                unchanged: outcome.consensus.unchanged,
              })}
            </li>
            <li>{t('import.outcomeLine', { line: 'actual', ...outcome.actual })}</li>
          </ul>
        </Notice>
      ) : outcome?.status === 'unreadable' ? (
        <Notice tone="error">{t(outcome.message, { max: view.maxMb, ...outcome.values })}</Notice>
      ) : outcome?.status === 'invalid' ? (
        <ImportErrors ns="forecasts" id="import-report" errors={outcome.errors} total={outcome.total} />
      ) : null}
      <section aria-labelledby="format-title" className="mb-6 max-w-3xl text-sm text-slate-700">
        <h2 id="format-title" className="mb-1 text-base font-semibold text-slate-900">
          {t('import.formatTitle')}
        </h2>
        <p>{t('import.format')}</p>
        <ul className="mt-2 list-disc space-y-0.5 ps-5">
          {(['columnSku', 'columnName', 'columnLine', 'columnWeeks'] as const).map((key) => (
            <li key={key}>{t(`import.${key}`)}</li>
          ))}
        </ul>
        <p className="mt-2">{t('import.figures')}</p>
        <p className="mt-2">{t('import.yourLine', { line: view.lineCode })}</p>
        <p className="mt-2">{t('import.consensus')}</p>
        <p className="mt-2">{t('import.rules')}</p>
        <p className="mt-2">{t('import.limits', { mb: view.maxMb })}</p>
        <p className="mt-2">
          <a href={`${base}/export.csv`} download className="font-medium text-brand-700 underline">
            {t('import.template')}
          </a>
        </p>
        <p className="mt-1">{t('import.xlsxNote')}</p>
      </section>
      {view.refusal === null ? (
        <CsvUploadForm
          fileLabel={t('import.file')}
          submitLabel={t('import.submit')}
          submittingLabel={t('import.submitting')}
          cancelTo={base}
          cancelLabel={t('import.back')}
          describedBy={outcome?.status === 'invalid' ? 'import-report' : undefined}
        />
      ) : (
        <Notice tone="info">{t(view.refusal)}</Notice>
      )}
    </>
  )
}

import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AccuracyTable } from '#app/components/forecasts/accuracy-table.tsx'
import { ForecastTabs } from '#app/components/forecasts/forecast-tabs.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { getAccuracy } from '#app/features/forecasts/get-accuracy.server.ts'
import { useForecastReloads } from '#app/features/forecasts/use-forecast-live.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readPage } from '#app/lib/pagination.ts'

const PAGE_SIZE = 50

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'forecastAccuracy', data?.forecast.name) },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:read')
  const url = new URL(request.url)
  const page = readPage(url, PAGE_SIZE)
  const view = await orRespond(() =>
    runService(auth, context, (ctx) =>
      getAccuracy(ctx, params.forecastId ?? '', {
        versionId: url.searchParams.get('version') || undefined,
        page,
      }),
    ),
  )
  return { ...view, page: page.page }
}

/** Accuracy after the fact: actuals against a published version, per product and side, and who was closer. */
export default function ForecastAccuracy() {
  const view = useLoaderData<typeof loader>()
  const { t } = useTranslation('forecastVersions')
  const { forecast, versions, version, result } = view
  useForecastReloads(forecast.id)
  return (
    <>
      <PageHeader
        title={forecast.name}
        description={`${forecast.hostOrgName} ⇄ ${forecast.partnerOrgName} · ${t('accuracy.title')}`}
      />
      <ForecastTabs forecastId={forecast.id} />
      {versions.length === 0 ? (
        <EmptyState
          title={t('accuracy.noVersion')}
          body={t('accuracy.noVersionBody')}
          action={
            <Link to={`/forecasts/${forecast.id}/versions`} className="text-brand-700 hover:underline">
              {t('accuracy.toVersions')}
            </Link>
          }
        />
      ) : (
        <>
          <Form method="get" className="mb-4 flex flex-wrap items-end gap-3">
            <label className="text-sm">
              <span className="block font-medium text-slate-700">{t('accuracy.against')}</span>
              <select
                name="version"
                defaultValue={version?.id ?? ''}
                className="mt-1 rounded border border-slate-300 px-2 py-1.5"
              >
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {t('version', { number: v.number })}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className={buttonClass('secondary')}>
              {t('accuracy.show')}
            </button>
          </Form>
          {!result ? (
            <EmptyState title={t('accuracy.noActuals')} body={t('accuracy.noActualsBody')} />
          ) : (
            <>
              <p className="mb-4 text-sm text-slate-600">
                {t('accuracy.summary', {
                  number: version?.number,
                  first: view.firstActualWeek,
                  cells: view.actualCells,
                  products: result.productsCounted,
                })}
                {result.productsWithout > 0
                  ? ` ${t('accuracy.without', { count: result.productsWithout })}`
                  : ''}
              </p>
              <AccuracyTable rows={result.rows} total={result.total} names={forecast} />
              <Pagination page={view.page} pageSize={PAGE_SIZE} total={result.productsCounted} />
              <section aria-labelledby="definitions-title" className="mt-6 text-sm text-slate-600">
                <h2 id="definitions-title" className="mb-1 font-semibold text-slate-800">
                  {t('accuracy.definitionsTitle')}
                </h2>
                <ul className="list-disc space-y-1 ps-5">
                  {(['mape', 'bias', 'weeks', 'closer'] as const).map((k) => (
                    <li key={k}>{t(`accuracy.definitions.${k}`)}</li>
                  ))}
                </ul>
              </section>
            </>
          )}
        </>
      )}
    </>
  )
}

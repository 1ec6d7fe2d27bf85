import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { ForecastTabs } from '#app/components/forecasts/forecast-tabs.tsx'
import { ChangedCells, ProductTotals } from '#app/components/forecasts/version-compare.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { compareVersions } from '#app/features/forecasts/compare-versions.server.ts'
import { useForecastReloads } from '#app/features/forecasts/use-forecast-live.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readPage } from '#app/lib/pagination.ts'

const CELLS_PAGE = 50
const PRODUCTS_PAGE = 25

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: pageTitle(
      matches,
      'forecastVersion',
      data && `${data.comparison.forecast.name} · v${data.comparison.version.number}`,
    ),
  },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:read')
  const url = new URL(request.url)
  const page = readPage(url, CELLS_PAGE)
  const productsUrl = new URL(url)
  productsUrl.searchParams.set('page', url.searchParams.get('products') ?? '1')
  const productPage = readPage(productsUrl, PRODUCTS_PAGE)
  const comparison = await orRespond(() =>
    runService(auth, context, (ctx) =>
      compareVersions(ctx, params.forecastId ?? '', {
        versionId: params.forecastVersionId ?? '',
        with: url.searchParams.get('with') ?? undefined,
        sides: url.searchParams.get('sides') === '1',
        page,
        productPage,
      }),
    ),
  )
  return { comparison, page: page.page, productPage: productPage.page }
}

/** One published version, compared with another version or with the grid as it is now. */
export default function ForecastVersionPage() {
  const { comparison: c, page, productPage } = useLoaderData<typeof loader>()
  const [search] = useSearchParams()
  const { t } = useTranslation('forecastVersions')
  const { forecast, version } = c
  useForecastReloads(forecast.id)
  const label = (s: typeof c.old) =>
    s.kind === 'current' ? t('compare.current') : t('version', { number: s.number })
  const { number } = version
  return (
    <>
      <PageHeader
        title={`${forecast.name} · ${t('version', { number })}`}
        description={version.note || undefined}
      />
      <ForecastTabs forecastId={forecast.id} />
      {search.has('published') ? <Notice tone="success">{t('publish.done', { number })}</Notice> : null}
      <p className="mb-4 text-sm text-slate-600">
        {t('detail.publishedBy', {
          name: version.publishedByName ?? '—',
          org: version.publishedByOrgName ?? '—',
        })}{' '}
        <LocalTime value={version.publishedAt} /> ·{' '}
        <Link to={`/forecasts/${forecast.id}/versions`} className="text-brand-700 hover:underline">
          {t('detail.all')}
        </Link>
      </p>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="block font-medium text-slate-700">{t('compare.with')}</span>
          <select
            name="with"
            defaultValue={c.with}
            className="mt-1 rounded border border-slate-300 px-2 py-1.5"
          >
            <option value="current">{t('compare.current')}</option>
            {c.versions
              .filter((v) => v.number !== number)
              .map((v) => (
                <option key={v.id} value={v.id}>
                  {t('version', { number: v.number })}
                </option>
              ))}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="sides" value="1" defaultChecked={c.lines.length > 1} />
          {t('compare.sides')}
        </label>
        <button type="submit" className={buttonClass('secondary')}>
          {t('compare.submit')}
        </button>
      </Form>
      <h2 className="mb-3 text-lg font-semibold text-slate-900">
        {t('compare.heading', { old: label(c.old), new: label(c.new), count: c.changedCells })}
      </h2>
      {c.changedCells === 0 ? (
        <EmptyState title={t('compare.none')} body={t('compare.noneBody')} />
      ) : (
        <>
          <section aria-labelledby="totals-title" className="mb-8">
            <h3 id="totals-title" className="mb-2 font-semibold text-slate-900">
              {t('compare.totals')}
            </h3>
            <ProductTotals comparison={c} names={forecast} />
            <Pagination
              page={productPage}
              pageSize={PRODUCTS_PAGE}
              total={c.changedProducts}
              param="products"
              label={t('compare.totalsPages')}
            />
          </section>
          <section aria-labelledby="cells-title">
            <h3 id="cells-title" className="mb-2 font-semibold text-slate-900">
              {t('compare.cells')}
            </h3>
            <ChangedCells comparison={c} names={forecast} />
            <Pagination
              page={page}
              pageSize={CELLS_PAGE}
              total={c.changedCells}
              label={t('compare.cellsPages')}
            />
          </section>
        </>
      )}
    </>
  )
}

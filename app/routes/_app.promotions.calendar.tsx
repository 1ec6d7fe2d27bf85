import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CalendarFilters } from '#app/components/promotions/calendar-filters.tsx'
import { CalendarLegend, PromotionCalendar } from '#app/components/promotions/promotion-calendar.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { calendarRange } from '#app/features/promotions/calendar.ts'
import { listCalendar, listCalendarPartners } from '#app/features/promotions/list-calendar.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { todayIn } from '#app/lib/dates.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readPage } from '#app/lib/pagination.ts'
import { readSearch } from '#app/lib/query.ts'
import { type PromotionStatus, promotionStatuses } from '#db/schema/promotions.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'promotionCalendar') }]

const LANES_PER_PAGE = 25
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  const url = new URL(request.url)
  const q = (name: string) => readSearch(url, name)
  const range = calendarRange(
    q('view') === 'quarter' ? 'quarter' : 'month',
    q('start'),
    todayIn(auth.org.timeZone),
  )
  const filters = {
    status: promotionStatuses.includes(q('status') as PromotionStatus)
      ? (q('status') as PromotionStatus)
      : undefined,
    partnershipId: uuid.test(q('partner')) ? q('partner') : undefined,
    sku: q('sku').slice(0, 64) || undefined,
  }
  const page = readPage(url, LANES_PER_PAGE)
  const { lanes, totalLanes, partners } = await runService(auth, context, async (ctx) => ({
    ...(await listCalendar(ctx, { range, filters, page })),
    partners: await listCalendarPartners(ctx),
  }))
  return { range, filters, lanes, totalLanes, partners, page: page.page, pageSize: page.pageSize }
}

/** A month or quarter of promotions, one lane per partner, filterable by status, product and partner. */
export default function PromotionCalendarPage() {
  const { range, filters, lanes, totalLanes, partners, page, pageSize } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('calendar')
  const { t: tp } = useTranslation('promotions')
  const location = useLocation()
  const at = (changes: Record<string, string>) => {
    const params = new URLSearchParams(location.search)
    params.delete('page')
    for (const [k, v] of Object.entries(changes)) params.set(k, v)
    return `?${params}`
  }
  const filtered = Boolean(filters.status || filters.partnershipId || filters.sku)
  const first = new Date(`${range.from}T12:00:00Z`)
  const period =
    range.view === 'quarter'
      ? t('quarter', { quarter: Math.floor(first.getUTCMonth() / 3) + 1, year: first.getUTCFullYear() })
      : new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
          first,
        )
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Link to="/promotions" className={buttonClass('secondary')}>
            {tp('title')}
          </Link>
        }
      />
      <nav aria-label={t('nav.label')} className="mb-4 flex flex-wrap items-center gap-2">
        <Link to={at({ start: range.prev })} className={buttonClass('secondary')} rel="prev">
          {t('nav.prev')}
        </Link>
        <Link to={at({ start: range.today })} className={buttonClass('secondary')}>
          {t('nav.today')}
        </Link>
        <Link to={at({ start: range.next })} className={buttonClass('secondary')} rel="next">
          {t('nav.next')}
        </Link>
        <h2 className="ms-2 text-lg font-semibold text-slate-900" aria-live="polite">
          {period}
        </h2>
        <span className="ms-auto flex gap-1">
          {(['month', 'quarter'] as const).map((v) => (
            <Link
              key={v}
              to={at({ view: v, start: range.start })}
              aria-current={range.view === v ? 'page' : undefined}
              className={buttonClass(range.view === v ? 'primary' : 'secondary')}
            >
              {t(`view.${v}`)}
            </Link>
          ))}
        </span>
      </nav>
      <CalendarFilters
        range={range}
        filters={filters}
        partners={partners}
        skus={[...new Set(lanes.flatMap((l) => l.items.flatMap((i) => i.skus)))].sort()}
      />
      {lanes.length === 0 ? (
        <EmptyState
          title={filtered ? t('empty.noMatch') : t('empty.none')}
          body={filtered ? undefined : t('empty.noneBody')}
        />
      ) : (
        <PromotionCalendar range={range} lanes={lanes} />
      )}
      <Pagination page={page} pageSize={pageSize} total={totalLanes} />
      <CalendarLegend />
    </>
  )
}

import { count, eq } from 'drizzle-orm'
import type { PageRequest } from '#app/lib/pagination.ts'
import { forecastVersions } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findForecast } from './find-forecast.server.ts'
import { forecastHeader } from './get-forecast-header.server.ts'
import { listVersionRows } from './version-figures.server.ts'

/** The versions page: the plan's published versions, newest first, a page at a time. */
export async function listVersions(ctx: ServiceContext, forecastId: string, page: PageRequest) {
  const found = await findForecast(ctx, forecastId)
  const [header, rows, [{ total }]] = await Promise.all([
    forecastHeader(ctx, found),
    listVersionRows(ctx, found.forecast.id).limit(page.pageSize).offset(page.offset),
    ctx.tx
      .select({ total: count() })
      .from(forecastVersions)
      .where(eq(forecastVersions.forecastId, found.forecast.id)),
  ])
  return {
    forecast: header,
    rows: rows.map((r) => ({ ...r, publishedAt: r.publishedAt.toISOString() })),
    total: Number(total),
  }
}

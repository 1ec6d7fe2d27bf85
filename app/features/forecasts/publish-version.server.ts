import { eq, max, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { forecastVersions } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { lockForEdit } from './find-forecast.server.ts'
import { publishForecastCells } from './publish-forecast-cells.server.ts'
import { refreshExceptions } from './refresh-exceptions.server.ts'
import { currentCells } from './version-figures.server.ts'

export const MAX_VERSION_NOTE = 1000

/** Rows per insert: a 500 × 52 plan is 26,000 cells, sent as a few JSON parameters rather than 180,000 binds. */
const BATCH = 10_000

/**
 * "Publish": freezes the grid as it shows (each line plus its active adjustments; the agreed consensus, not the
 * proposals waiting) as the next numbered version. Numbered under the plan's lock, so two people publishing at once
 * get 1 and 2, never the same number. The consensus shift rule compares with the newest version, so the whole plan
 * is re-checked, and open grids reload.
 */
export async function publishVersion(ctx: ServiceContext, forecastId: string, input: { note?: string }) {
  const found = await lockForEdit(ctx, forecastId)
  const note = (input.note ?? '').trim()
  if (note.length > MAX_VERSION_NOTE) {
    throw new AppError('invalid', 'forecastVersions:errors.noteTooLong', {
      field: 'note',
      max: MAX_VERSION_NOTE,
    })
  }
  const { forecast } = found
  const cells = await currentCells(ctx, found)
  const [{ last }] = await ctx.tx
    .select({ last: max(forecastVersions.number) })
    .from(forecastVersions)
    .where(eq(forecastVersions.forecastId, forecast.id))
  const [version] = await ctx.tx
    .insert(forecastVersions)
    .values({
      forecastId: forecast.id,
      partnershipId: forecast.partnershipId,
      number: (last ?? 0) + 1,
      note,
      publishedById: ctx.userId,
      publishedByOrgId: ctx.orgId,
    })
    .returning()
  for (let i = 0; i < cells.length; i += BATCH) {
    const batch = JSON.stringify(
      cells.slice(i, i + BATCH).map((c) => ({
        p: c.productId,
        w: c.weekStart,
        h: c.host,
        r: c.partner,
        c: c.consensus,
      })),
    )
    await ctx.tx.execute(sql`insert into forecast_version_cells
        (forecast_version_id, forecast_product_id, week_start, partnership_id, host, partner, consensus)
      select ${version.id}::uuid, k.p, k.w, ${forecast.partnershipId}::uuid, k.h, k.r, k.c
      from jsonb_to_recordset(${batch}::jsonb) as k(p uuid, w date, h int, r int, c int)`)
  }
  await ctx.audit({
    action: 'forecast.version_published',
    targetType: 'forecast_version',
    targetId: version.id,
    data: { forecastId: forecast.id, number: version.number, cells: cells.length },
  })
  await refreshExceptions(ctx, found)
  publishForecastCells(ctx, forecast.id, [], true)
  return { id: version.id, number: version.number, cells: cells.length }
}

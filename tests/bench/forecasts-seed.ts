import { sql } from 'drizzle-orm'
import { lockForEdit } from '#app/features/forecasts/find-forecast.server.ts'
import { refreshExceptions } from '#app/features/forecasts/refresh-exceptions.server.ts'
import { forecastWeeks } from '#app/features/forecasts/weeks.ts'
import { getDatabase } from '#db/client.ts'
import { rowsOf } from '#db/rows.ts'
import { forecastVersionCells, promotionProducts, promotions } from '#db/schema/index.ts'
import { createMember, createOrg, createPartnership } from '#db/seed/factories.ts'
import {
  type CellRecord,
  createAdjustmentRecord,
  createCellRecords,
  createForecastRecord,
  createVersionRecord,
} from '#db/seed/forecast-factory.ts'
import { asSystem } from '#db/tenant.ts'
import { asCaller, type Caller } from '#tests/integration/service-context.ts'

export const PRODUCTS = 500
export const WEEKS = 52
export const START_WEEK = '2027-01-04'
const PROMOTIONS = 12

export type ForecastWorld = {
  forecastId: string
  partnershipId: string
  hostOrgId: string
  partnerOrgId: string
  /** The host's manager: loads the grid and pastes on the host line. */
  host: Caller
  /** Everyone who watches the plan live (half on each side, viewers). */
  viewers: { userId: string; orgId: string }[]
  productIds: string[]
  weeks: string[]
  counts: Record<string, number>
}

/** A deterministic spread in [0, 1000) per product and week, so every run seeds the same figures. */
const spread = (p: number, w: number, salt = 0) => (p * 7919 + w * 104_729 + salt * 15_485_863) % 1000

/** The host's figure: a base per product, a yearly season, a few percent of noise. */
export function hostFigure(p: number, w: number) {
  const base = 80 + ((p * 37) % 900)
  const season = 1 + 0.25 * Math.sin((2 * Math.PI * w) / WEEKS)
  return Math.round(base * season * (0.95 + spread(p, w) / 10_000))
}

/** The partner's: within ±12 % of the host's, except one cell in 25 well apart (those break the side-gap rule). */
export function partnerFigure(p: number, w: number) {
  const host = hostFigure(p, w)
  if (spread(p, w, 1) < 40) return Math.round(host * 1.45) + 60
  return Math.round(host * (0.88 + spread(p, w, 2) / 4170))
}

/**
 * One manufacturer and one retailer; a 500 × 52 plan with the host, partner and consensus lines filled (78,000
 * cells, through the seed factory's batches and the history triggers); version 1 published, the consensus moved
 * since on one cell in 100; 12 agreed promotions on the horizon, one of them applied as a lift; exceptions opened
 * by the service's own whole-plan check; 50 viewers. Then VACUUM ANALYZE, as autovacuum would.
 */
export async function seedForecasts(viewerCount: number, log: (m: string) => void): Promise<ForecastWorld> {
  const weeks = forecastWeeks(START_WEEK, WEEKS)
  const t = performance.now()
  const seeded = await asSystem(async (tx) => {
    const hostOrg = await createOrg(tx, { kind: 'manufacturer', name: 'Bench Foods' })
    const partnerOrg = await createOrg(tx, { kind: 'retailer', name: 'Bench Mart' })
    const manager = await createMember(tx, { orgId: hostOrg.id, role: 'manager', name: 'Bench Planner' })
    const partnership = await createPartnership(tx, {
      hostOrgId: hostOrg.id,
      partnerOrgId: partnerOrg.id,
      accountManagerId: manager.id,
    })
    const viewers: { userId: string; orgId: string }[] = []
    for (let i = 0; i < viewerCount; i++) {
      const orgId = i % 2 === 0 ? hostOrg.id : partnerOrg.id
      const user = await createMember(tx, { orgId, role: 'viewer', name: `Bench Viewer ${i}` })
      viewers.push({ userId: user.id, orgId })
    }
    const { forecast, products } = await createForecastRecord(tx, {
      partnershipId: partnership.id,
      hostOrgId: hostOrg.id,
      createdByOrgId: hostOrg.id,
      createdById: manager.id,
      name: 'Bench plan 2027',
      startWeek: START_WEEK,
      horizonWeeks: WEEKS,
      products: Array.from({ length: PRODUCTS }, (_, p) => ({
        sku: `SKU-${String(p).padStart(4, '0')}`,
        name: `Bench product ${p}`,
      })),
    })
    const cells: CellRecord[] = []
    const published: (typeof forecastVersionCells.$inferInsert)[] = []
    products.forEach((row, p) => {
      weeks.forEach((weekStart, w) => {
        const host = hostFigure(p, w)
        const partner = partnerFigure(p, w)
        const agreed = Math.round((host + partner) / 2)
        // One consensus in 100 moved 40 % since version 1 (those break the consensus-shift rule).
        const consensus = spread(p, w, 3) < 10 ? Math.round(agreed * 1.4) : agreed
        const at = { forecastProductId: row.id, weekStart }
        cells.push(
          { ...at, line: 'host', value: host },
          { ...at, line: 'partner', value: partner },
          { ...at, line: 'consensus', value: consensus },
        )
        published.push({
          ...at,
          forecastVersionId: '',
          partnershipId: partnership.id,
          host,
          partner,
          consensus: agreed,
        })
      })
    })
    await createCellRecords(tx, forecast, cells, { userId: manager.id, orgId: hostOrg.id })
    const version = await createVersionRecord(tx, forecast, {
      number: 1,
      publishedByOrgId: hostOrg.id,
      publishedById: manager.id,
      cells: [],
    })
    // 26,000 rows × 7 columns is past the driver's 65,535 parameters: in batches.
    for (let i = 0; i < published.length; i += 5000) {
      await tx
        .insert(forecastVersionCells)
        .values(published.slice(i, i + 5000).map((c) => ({ ...c, forecastVersionId: version.id })))
    }
    const promotionIds = await seedPromotions(tx, {
      partnershipId: partnership.id,
      hostOrgId: hostOrg.id,
      weeks,
    })
    // The first promotion's lift (+25 %) on the host line: 8 products × its 4 weeks.
    await createAdjustmentRecord(tx, forecast, {
      promotionId: promotionIds[0],
      line: 'host',
      label: 'Bench promotion 0',
      liftBp: 2500,
      createdByOrgId: hostOrg.id,
      createdById: manager.id,
      cells: Array.from({ length: 32 }, (_, k) => ({
        forecastProductId: products[promotedProduct(0, k % 8)].id,
        weekStart: weeks[promotedWeek(0) + Math.floor(k / 8)],
        units: Math.round(hostFigure(promotedProduct(0, k % 8), promotedWeek(0) + Math.floor(k / 8)) / 4),
      })),
    })
    return {
      forecastId: forecast.id,
      partnershipId: partnership.id,
      hostOrgId: hostOrg.id,
      partnerOrgId: partnerOrg.id,
      host: { orgId: hostOrg.id, userId: manager.id, orgKind: 'manufacturer', role: 'manager' } as Caller,
      viewers,
      productIds: products.map((r) => r.id),
    }
  })
  log(`  plan, 78,000 cells, version 1, promotions: ${((performance.now() - t) / 1000).toFixed(1)} s`)
  const e = performance.now()
  // The exceptions the seeded figures break, opened the way a change of rules opens them.
  await asCaller(seeded.host, async (ctx) => {
    const found = await lockForEdit(ctx, seeded.forecastId)
    await refreshExceptions(ctx, found)
  })
  log(`  exceptions, whole-plan check as the host: ${((performance.now() - e) / 1000).toFixed(1)} s`)
  await getDatabase().owner.execute(sql`vacuum analyze`)
  const counts = await countRows(seeded.forecastId)
  return { ...seeded, weeks, counts }
}

const promotedWeek = (i: number) => 2 + i * 4
const promotedProduct = (i: number, k: number) => (i * 41 + k * 7) % PRODUCTS

/** Agreed promotions of the partnership, 4 weeks each across the horizon, each on 8 of the plan's SKUs. */
async function seedPromotions(
  tx: Parameters<Parameters<typeof asSystem>[0]>[0],
  input: { partnershipId: string; hostOrgId: string; weeks: string[] },
) {
  const ids: string[] = []
  for (let i = 0; i < PROMOTIONS; i++) {
    const start = input.weeks[promotedWeek(i)]
    const [promotion] = await tx
      .insert(promotions)
      .values({
        partnershipId: input.partnershipId,
        hostOrgId: input.hostOrgId,
        createdByOrgId: input.hostOrgId,
        name: `Bench promotion ${i}`,
        mechanics: 'display',
        startsOn: start,
        endsOn: input.weeks[promotedWeek(i) + 3],
        currency: 'USD',
        expectedLiftBp: 1500 + i * 100,
        status: 'approved',
      })
      .returning({ id: promotions.id, partnershipId: promotions.partnershipId })
    await tx.insert(promotionProducts).values(
      Array.from({ length: 8 }, (_, k) => ({
        promotionId: promotion.id,
        partnershipId: promotion.partnershipId,
        sku: `SKU-${String(promotedProduct(i, k)).padStart(4, '0')}`,
        name: `Bench product ${promotedProduct(i, k)}`,
        unitPrice: 1000,
        position: k,
      })),
    )
    ids.push(promotion.id)
  }
  return ids
}

async function countRows(forecastId: string) {
  const tables = [
    'forecast_products',
    'forecast_cells',
    'forecast_cell_changes',
    'forecast_version_cells',
    'forecast_exceptions',
    'forecast_adjustment_cells',
  ]
  const [row] = await asSystem((tx) =>
    rowsOf<Record<string, string | number>>(
      tx,
      sql.join(
        [
          sql`select`,
          sql.join(
            tables.map((t) =>
              t === 'forecast_version_cells'
                ? sql.raw(`(select count(*) from ${t}) as ${t}`)
                : sql`(select count(*) from ${sql.raw(t)} where forecast_id = ${forecastId}) as ${sql.raw(t)}`,
            ),
            sql`, `,
          ),
        ],
        sql` `,
      ),
    ),
  )
  return Object.fromEntries(tables.map((t) => [t, Number(row[t])]))
}

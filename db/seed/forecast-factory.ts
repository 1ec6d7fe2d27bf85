import { sql } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import {
  type Forecast,
  type ForecastLine,
  type ForecastRule,
  forecastAdjustmentCells,
  forecastAdjustments,
  forecastCells,
  forecastExceptionEvents,
  forecastExceptions,
  forecastProducts,
  forecasts,
  forecastVersionCells,
  forecastVersions,
} from '#db/schema/index.ts'

// Co-forecast rows for the demo seed, the tests and the benchmark, written as the owner (asSystem).

type ForecastRef = Pick<Forecast, 'id' | 'partnershipId'>

/** A plan with its rows; rules default to the demo agreement (20 % and 50 units apart, consensus moved 30 %). */
export async function createForecastRecord(
  tx: Tx,
  input: {
    partnershipId: string
    hostOrgId: string
    createdByOrgId: string
    createdById: string | null
    name: string
    startWeek: string
    horizonWeeks: number
    unit?: Forecast['unit']
    rules?: Partial<Pick<Forecast, 'gapBp' | 'gapUnits' | 'shiftBp'>>
    products: { sku: string; name: string; productId?: string | null }[]
  },
) {
  const [forecast] = await tx
    .insert(forecasts)
    .values({
      partnershipId: input.partnershipId,
      hostOrgId: input.hostOrgId,
      createdByOrgId: input.createdByOrgId,
      createdById: input.createdById,
      name: input.name,
      startWeek: input.startWeek,
      horizonWeeks: input.horizonWeeks,
      unit: input.unit ?? 'units',
      gapBp: 2000,
      gapUnits: 50,
      shiftBp: 3000,
      ...input.rules,
    })
    .returning()
  const rows = input.products.length
    ? await tx
        .insert(forecastProducts)
        .values(
          input.products.map((p, position) => ({
            forecastId: forecast.id,
            partnershipId: input.partnershipId,
            productId: p.productId ?? null,
            sku: p.sku,
            name: p.name,
            position,
          })),
        )
        .returning()
    : []
  return { forecast, products: rows }
}

export type CellRecord = {
  forecastProductId: string
  weekStart: string
  line: ForecastLine
  value: number | null
  proposed?: number | null
  proposedByOrgId?: string | null
}

/** Cells written in batches (the history triggers record them as `kind`, 'import' by default). */
export async function createCellRecords(
  tx: Tx,
  forecast: ForecastRef,
  cells: CellRecord[],
  by: { userId: string | null; orgId: string | null; kind?: string } = { userId: null, orgId: null },
) {
  await tx.execute(sql`select set_config('tandem.change_kind', ${by.kind ?? 'import'}, true)`)
  for (let i = 0; i < cells.length; i += 2000) {
    await tx.insert(forecastCells).values(
      cells.slice(i, i + 2000).map((c) => ({
        forecastProductId: c.forecastProductId,
        weekStart: c.weekStart,
        line: c.line,
        forecastId: forecast.id,
        partnershipId: forecast.partnershipId,
        value: c.value,
        proposed: c.proposed ?? null,
        proposedByOrgId: c.proposedByOrgId ?? null,
        updatedById: by.userId,
        updatedByOrgId: by.orgId,
      })),
    )
  }
  await tx.execute(sql`select set_config('tandem.change_kind', '', true)`)
}

/**
 * Later changes of existing cells, one version up each, recorded by the history trigger as `by.kind` (an edit
 * after a version was published, a proposal accepted): one statement whatever their number.
 */
export async function updateCellRecords(
  tx: Tx,
  forecast: ForecastRef,
  cells: Omit<CellRecord, 'proposedByOrgId'>[],
  by: { userId: string | null; orgId: string | null; kind: string },
) {
  if (cells.length === 0) return
  await tx.execute(sql`select set_config('tandem.change_kind', ${by.kind}, true)`)
  await tx.execute(sql`update forecast_cells c set value = x.value, proposed = x.proposed,
      proposed_by_org_id = case when x.proposed is null then null else c.proposed_by_org_id end,
      version = c.version + 1, updated_by_id = ${by.userId}::uuid, updated_by_org_id = ${by.orgId}::uuid,
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(
      cells.map((c) => ({
        p: c.forecastProductId,
        w: c.weekStart,
        line: c.line,
        value: c.value,
        proposed: c.proposed ?? null,
      })),
    )}::jsonb) as x(p uuid, w date, line text, value int, proposed int)
    where c.forecast_id = ${forecast.id} and c.forecast_product_id = x.p and c.week_start = x.w
      and c.line = x.line`)
  await tx.execute(sql`select set_config('tandem.change_kind', '', true)`)
}

/** A published version holding the given figures. */
export async function createVersionRecord(
  tx: Tx,
  forecast: ForecastRef,
  input: {
    number: number
    publishedByOrgId: string
    publishedById: string | null
    note?: string
    cells: {
      forecastProductId: string
      weekStart: string
      host: number | null
      partner: number | null
      consensus: number | null
    }[]
  },
) {
  const [version] = await tx
    .insert(forecastVersions)
    .values({
      forecastId: forecast.id,
      partnershipId: forecast.partnershipId,
      number: input.number,
      note: input.note ?? '',
      publishedById: input.publishedById,
      publishedByOrgId: input.publishedByOrgId,
    })
    .returning()
  if (input.cells.length) {
    await tx.insert(forecastVersionCells).values(
      input.cells.map((c) => ({
        ...c,
        forecastVersionId: version.id,
        partnershipId: forecast.partnershipId,
      })),
    )
  }
  return version
}

/** An exception with its opening event. */
export async function createExceptionRecord(
  tx: Tx,
  forecast: ForecastRef,
  input: {
    forecastProductId: string
    weekStart: string
    rule: ForecastRule
    left: number | null
    right: number | null
    varianceUnits: number
    varianceBp: number
    note?: string
    ownerId?: string | null
    actorOrgId?: string | null
  },
) {
  const [exception] = await tx
    .insert(forecastExceptions)
    .values({
      forecastId: forecast.id,
      partnershipId: forecast.partnershipId,
      forecastProductId: input.forecastProductId,
      weekStart: input.weekStart,
      rule: input.rule,
      left: input.left,
      right: input.right,
      varianceUnits: input.varianceUnits,
      varianceBp: input.varianceBp,
      ownerId: input.ownerId ?? null,
      note: input.note ?? '',
    })
    .returning()
  await tx.insert(forecastExceptionEvents).values({
    exceptionId: exception.id,
    partnershipId: forecast.partnershipId,
    action: 'opened',
    toStatus: 'open',
    note: input.note ?? '',
    actorOrgId: input.actorOrgId ?? null,
  })
  return exception
}

/** A promotion's lift applied to one line, with its cells. */
export async function createAdjustmentRecord(
  tx: Tx,
  forecast: ForecastRef,
  input: {
    promotionId: string | null
    line: ForecastLine
    label: string
    liftBp: number
    createdByOrgId: string
    createdById: string | null
    cells: { forecastProductId: string; weekStart: string; units: number }[]
  },
) {
  const [adjustment] = await tx
    .insert(forecastAdjustments)
    .values({
      forecastId: forecast.id,
      partnershipId: forecast.partnershipId,
      promotionId: input.promotionId,
      line: input.line,
      label: input.label,
      liftBp: input.liftBp,
      createdByOrgId: input.createdByOrgId,
      createdById: input.createdById,
    })
    .returning()
  if (input.cells.length) {
    await tx.insert(forecastAdjustmentCells).values(
      input.cells.map((c) => ({
        ...c,
        adjustmentId: adjustment.id,
        forecastId: forecast.id,
        partnershipId: forecast.partnershipId,
      })),
    )
  }
  return adjustment
}

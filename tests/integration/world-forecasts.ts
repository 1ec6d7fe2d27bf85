import type { Tx } from '#db/client.ts'
import {
  createAdjustmentRecord,
  createCellRecords,
  createExceptionRecord,
  createForecastRecord,
  createVersionRecord,
} from '#db/seed/forecast-factory.ts'

// The security world's co-forecast rows (tests/integration/world.ts): one of each table, home and foreign.

/** A co-forecast with a product row, cells on every line, a published version, an exception and an adjustment. */
export async function createForecastRows(
  tx: Tx,
  input: { hostOrgId: string; partnershipId: string; ownerId: string; label: string } & {
    productId: string
    sku: string
    promotion: { id: string }
  },
) {
  const { forecast, products: rows } = await createForecastRecord(tx, {
    partnershipId: input.partnershipId,
    hostOrgId: input.hostOrgId,
    createdByOrgId: input.hostOrgId,
    createdById: input.ownerId,
    name: `${input.label} forecast`,
    startWeek: '2027-01-04',
    horizonWeeks: 8,
    products: [{ sku: input.sku, name: `${input.label} forecast product`, productId: input.productId }],
  })
  const row = rows[0]
  const weekStart = '2027-01-04'
  await createCellRecords(
    tx,
    forecast,
    (['host', 'partner', 'consensus', 'actual'] as const).map((line, i) => ({
      forecastProductId: row.id,
      weekStart,
      line,
      value: 100 + i * 40,
    })),
    { userId: input.ownerId, orgId: input.hostOrgId },
  )
  const version = await createVersionRecord(tx, forecast, {
    number: 1,
    publishedByOrgId: input.hostOrgId,
    publishedById: input.ownerId,
    note: `${input.label} version`,
    cells: [{ forecastProductId: row.id, weekStart, host: 100, partner: 140, consensus: 180 }],
  })
  const exception = await createExceptionRecord(tx, forecast, {
    forecastProductId: row.id,
    weekStart,
    rule: 'side_gap',
    left: 100,
    right: 140,
    varianceUnits: -40,
    varianceBp: 2857,
    note: `${input.label} exception`,
    actorOrgId: input.hostOrgId,
  })
  const adjustment = await createAdjustmentRecord(tx, forecast, {
    promotionId: input.promotion.id,
    line: 'host',
    label: `${input.label} lift`,
    liftBp: 1500,
    createdByOrgId: input.hostOrgId,
    createdById: input.ownerId,
    cells: [{ forecastProductId: row.id, weekStart, units: 15 }],
  })
  return {
    forecastId: forecast.id,
    forecastProductId: row.id,
    forecastVersionId: version.id,
    forecastExceptionId: exception.id,
    adjustmentId: adjustment.id,
  }
}

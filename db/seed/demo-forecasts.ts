import { and, eq, inArray } from 'drizzle-orm'
import { refreshExceptions } from '#app/features/forecasts/refresh-exceptions.server.ts'
import { forecastWeeks } from '#app/features/forecasts/weeks.ts'
import { serviceContext } from '#app/features/service-context.server.ts'
import type { Tx } from '#db/client.ts'
import { forecasts, products } from '#db/schema/index.ts'
import {
  type CellRecord,
  createCellRecords,
  createForecastRecord,
  createVersionRecord,
  updateCellRecords,
} from './forecast-factory.ts'

type Parties = {
  acme: string
  brightsideOrg: string
  brightside: string
  maya: string
  bella: string
  ben: string
}

export const DEMO_FORECAST_NAME = 'Spring 2027 replenishment'
const START_WEEK = '2027-01-04'
const HORIZON = 26

// More of Acme's range (USD cents), so the demo plan has a realistic number of rows.
const moreCatalogue: [sku: string, name: string, unitPrice: number][] = [
  ['AC-FR-360', 'Frostline 360 L fridge-freezer', 89900],
  ['AC-FR-180', 'Frostline 180 L under-counter fridge', 39900],
  ['AC-FZ-200', 'Frostline 200 L chest freezer', 44900],
  ['AC-WC-24', 'Cellarcool 24-bottle wine cooler', 32900],
  ['AC-WM-10', 'Spinwell 10 kg washing machine', 64900],
  ['AC-TD-8', 'Drywell 8 kg heat-pump dryer', 69900],
  ['AC-WD-7', 'Spinwell 7/4 kg washer-dryer', 74900],
  ['AC-DW-9', 'Cleanware slimline 9-place dishwasher', 39950],
  ['AC-DW-14', 'Cleanware 14-place dishwasher', 54950],
  ['AC-OV-65', 'Bakewell 65 L built-in oven', 49900],
  ['AC-HB-4', 'Bakewell 4-zone induction hob', 42900],
  ['AC-HD-60', 'Clearair 60 cm cooker hood', 21900],
  ['AC-MW-32', 'Quickheat 32 L combination microwave', 24999],
  ['AC-MW-20', 'Quickheat 20 L microwave', 8999],
  ['AC-KT-10', 'Boilright 1.0 L travel kettle', 2450],
  ['AC-TS-2', 'Crispwell 2-slice toaster', 3950],
  ['AC-TS-4', 'Crispwell 4-slice toaster', 5950],
  ['AC-CM-12', 'Brewright 12-cup filter coffee maker', 6950],
  ['AC-EM-15', 'Brewright 15-bar espresso machine', 18900],
  ['AC-BL-15', 'Whirlmix 1.5 L blender', 7950],
  ['AC-HM-5', 'Whirlmix 5-speed hand mixer', 3450],
  ['AC-SM-5', 'Whirlmix 5 L stand mixer', 27900],
  ['AC-AF-5', 'Crispwell 5 L air fryer', 11900],
  ['AC-RC-10', 'Steamright 10-cup rice cooker', 5950],
  ['AC-VC-2', 'Sweepwell cordless vacuum', 24900],
  ['AC-VC-B', 'Sweepwell bagged vacuum', 14900],
  ['AC-IR-28', 'Pressright 2800 W steam iron', 4950],
  ['AC-FLT-H', 'Clearair carbon filter (pack of 2)', 2499],
  ['AC-DW-SALT', 'Cleanware dishwasher salt 2 kg', 699],
  ['AC-DW-TAB', 'Cleanware dishwasher tablets (pack of 60)', 1499],
  ['AC-WM-DES', 'Spinwell descaler (pack of 6)', 1299],
  ['AC-VC-BAG', 'Sweepwell dust bags (pack of 10)', 1199],
  ['AC-FR-SHF', 'Frostline glass shelf', 3999],
  ['AC-KT-FLT', 'Boilright limescale filter', 799],
]

// Weekly units Brightside's 12 stores sell of each row, before the season: the plan's rows in grid order.
const baseUnits: Record<string, number> = {
  'AC-FR-300': 14,
  'AC-FR-360': 9,
  'AC-FR-180': 11,
  'AC-FZ-200': 7,
  'AC-WC-24': 4,
  'AC-FR-SHF': 6,
  'AC-FLT-W': 120,
  'AC-WM-8': 16,
  'AC-WM-10': 10,
  'AC-TD-8': 8,
  'AC-WD-7': 5,
  'AC-WM-DES': 150,
  'AC-DW-12': 12,
  'AC-DW-9': 6,
  'AC-DW-14': 7,
  'AC-DW-SALT': 260,
  'AC-DW-TAB': 340,
  'AC-OV-65': 6,
  'AC-HB-4': 7,
  'AC-HD-60': 5,
  'AC-MW-25': 22,
  'AC-MW-32': 9,
  'AC-MW-20': 30,
  'AC-KT-17': 48,
  'AC-KT-10': 26,
  'AC-KT-FLT': 180,
  'AC-TS-2': 38,
  'AC-TS-4': 21,
  'AC-CM-12': 19,
  'AC-EM-15': 8,
  'AC-BL-15': 17,
  'AC-HM-5': 24,
  'AC-SM-5': 6,
  'AC-AF-5': 34,
  'AC-RC-10': 15,
  'AC-VC-2': 12,
  'AC-VC-B': 9,
  'AC-VC-BAG': 210,
  'AC-IR-28': 27,
  'AC-FLT-H': 95,
}
// Brightside's "Spring end-cap displays" (1 February – 15 March) lifts these in weeks 5 to 11 of the plan.
const promoted = new Set(['AC-FR-300', 'AC-DW-12', 'AC-KT-17'])
const promoWeeks = (w: number) => w >= 4 && w <= 10
// Cells where the two forecasts are far apart (rows with high volumes, so the gap passes 50 units too).
const farApart: [sku: string, week: number, factor: number][] = [
  ['AC-DW-TAB', 3, 1.6],
  ['AC-DW-TAB', 9, 0.55],
  ['AC-DW-SALT', 6, 1.7],
  ['AC-VC-BAG', 12, 0.5],
  ['AC-KT-FLT', 2, 1.65],
  ['AC-KT-FLT', 15, 0.5],
  ['AC-WM-DES', 11, 1.8],
  ['AC-FLT-W', 14, 0.45],
  ['AC-DW-TAB', 19, 1.5],
  ['AC-VC-BAG', 20, 1.6],
]
// Consensus figures agreed after version 1 was published, as shares of the published figure.
const laterConsensus: [sku: string, week: number, factor: number][] = [
  ['AC-KT-17', 12, 1.45],
  ['AC-TS-2', 13, 1.4],
  ['AC-AF-5', 14, 0.6],
  ['AC-MW-32', 15, 1.5],
  ['AC-DW-SALT', 16, 1.35],
  ['AC-IR-28', 12, 1.1],
  ['AC-HB-4', 13, 0.92],
]

/** A small seeded generator, so every demo database holds the same figures. */
function generator(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Winter is slow, spring picks up: a share of the base per week of the plan. */
const season = (w: number) => 0.85 + 0.3 * Math.min(1, w / 16)

/**
 * Acme's and Brightside's co-forecast of 40 products × 26 weeks from the first Monday of 2027: both lines, a
 * consensus agreed on most cells, Brightside's proposals waiting on a few, version 1 published and changed since,
 * actuals for the first 8 weeks, and the exceptions the agreed rules raise, checked as Acme's manager would.
 * Does nothing when the plan is there already.
 */
export async function seedDemoForecasts(tx: Tx, parties: Parties) {
  const [existing] = await tx
    .select({ id: forecasts.id })
    .from(forecasts)
    .where(and(eq(forecasts.partnershipId, parties.brightside), eq(forecasts.name, DEMO_FORECAST_NAME)))
  if (existing) return
  await tx
    .insert(products)
    .values(
      moreCatalogue.map(([sku, name, unitPrice]) => ({
        orgId: parties.acme,
        sku,
        name,
        unitPrice,
        currency: 'USD',
        taxRateBp: 2000,
      })),
    )
    .onConflictDoNothing()
  const skus = Object.keys(baseUnits)
  const catalogue = await tx
    .select({ id: products.id, sku: products.sku, name: products.name })
    .from(products)
    .where(and(eq(products.orgId, parties.acme), inArray(products.sku, skus)))
  const rowsInOrder = skus.flatMap((sku) => catalogue.filter((p) => p.sku === sku))
  const { forecast, products: rows } = await createForecastRecord(tx, {
    partnershipId: parties.brightside,
    hostOrgId: parties.acme,
    createdByOrgId: parties.acme,
    createdById: parties.maya,
    name: DEMO_FORECAST_NAME,
    startWeek: START_WEEK,
    horizonWeeks: HORIZON,
    products: rowsInOrder.map((p) => ({ sku: p.sku, name: p.name, productId: p.id })),
  })
  const weeks = forecastWeeks(START_WEEK, HORIZON)
  const random = generator(2027)
  const jitter = (spread: number) => 1 - spread + 2 * spread * random()
  const lines: Record<'host' | 'partner' | 'consensus' | 'proposals' | 'actual', CellRecord[]> = {
    host: [],
    partner: [],
    consensus: [],
    proposals: [],
    actual: [],
  }
  const published = new Map<string, { host: number; partner: number | null; consensus: number | null }>()
  rows.forEach((row, p) => {
    const base = baseUnits[row.sku]
    weeks.forEach((weekStart, w) => {
      const cell = { forecastProductId: row.id, weekStart }
      const lift = promoted.has(row.sku) && promoWeeks(w)
      const host = Math.round(base * season(w) * (lift ? 1.25 : 1) * jitter(0.05))
      lines.host.push({ ...cell, line: 'host', value: host })
      // Brightside has entered 22 weeks; it expects a little less from the end-caps than Acme does.
      const apart = farApart.find(([sku, week]) => sku === row.sku && week === w)
      const partner =
        w >= 22 ? null : Math.round(host * (apart ? apart[2] : jitter(0.07)) * (lift ? 0.94 : 1))
      if (partner !== null) lines.partner.push({ ...cell, line: 'partner', value: partner })
      // Agreed through week 18 except where the two are far apart and on every ninth row; proposals after.
      let consensus: number | null = null
      if (partner !== null && w < 18 && !apart && p % 9 !== 4) {
        consensus = Math.round((host + partner) / 2)
        lines.consensus.push({ ...cell, line: 'consensus', value: consensus })
      } else if (partner !== null && (w === 18 || w === 19) && p % 5 === 0) {
        lines.proposals.push({
          ...cell,
          line: 'consensus',
          value: null,
          proposed: partner,
          proposedByOrgId: parties.brightsideOrg,
        })
      }
      if (w < 8) {
        const actual = Math.round((consensus ?? host) * jitter(0.15))
        lines.actual.push({ ...cell, line: 'actual', value: actual })
      }
      published.set(`${row.id}|${weekStart}`, { host, partner, consensus })
    })
  })
  const acme = { userId: parties.maya, orgId: parties.acme }
  await createCellRecords(tx, forecast, lines.host, { ...acme, kind: 'edit' })
  await createCellRecords(tx, forecast, lines.partner, {
    userId: parties.ben,
    orgId: parties.brightsideOrg,
    kind: 'edit',
  })
  await createCellRecords(tx, forecast, lines.consensus, { ...acme, kind: 'accept' })
  await createCellRecords(tx, forecast, lines.proposals, {
    userId: parties.bella,
    orgId: parties.brightsideOrg,
    kind: 'propose',
  })
  // Actuals arrive as Brightside's sell-through file.
  await createCellRecords(tx, forecast, lines.actual, { userId: parties.ben, orgId: parties.brightsideOrg })
  await createVersionRecord(tx, forecast, {
    number: 1,
    publishedByOrgId: parties.acme,
    publishedById: parties.maya,
    note: 'Agreed at the January review',
    cells: [...published].map(([key, f]) => {
      const [forecastProductId, weekStart] = key.split('|')
      return { forecastProductId, weekStart, ...f }
    }),
  })
  // Since version 1: consensus figures agreed anew (some far from the published ones) and a partner revision.
  const rowOf = (sku: string) => rows.find((r) => r.sku === sku)?.id ?? ''
  await updateCellRecords(
    tx,
    forecast,
    laterConsensus.map(([sku, w, factor]) => {
      const before = published.get(`${rowOf(sku)}|${weeks[w]}`)?.consensus ?? 0
      return {
        forecastProductId: rowOf(sku),
        weekStart: weeks[w],
        line: 'consensus',
        value: Math.round(before * factor),
      }
    }),
    { ...acme, kind: 'accept' },
  )
  await updateCellRecords(
    tx,
    forecast,
    ['AC-WM-8', 'AC-MW-25'].flatMap((sku) =>
      [16, 17].map((w) => {
        const before = published.get(`${rowOf(sku)}|${weeks[w]}`)?.partner ?? 0
        return {
          forecastProductId: rowOf(sku),
          weekStart: weeks[w],
          line: 'partner' as const,
          value: before + 2,
        }
      }),
    ),
    { userId: parties.ben, orgId: parties.brightsideOrg, kind: 'edit' },
  )
  // The rules are checked as Acme's manager checks them in the app, with the service that does it there.
  const ctx = serviceContext(tx, {
    userId: parties.maya,
    orgId: parties.acme,
    orgKind: 'manufacturer',
    role: 'manager',
  })
  await refreshExceptions(ctx, {
    forecast,
    side: 'host',
    partnerOrgId: parties.brightsideOrg,
    partnershipStatus: 'active',
  })
}

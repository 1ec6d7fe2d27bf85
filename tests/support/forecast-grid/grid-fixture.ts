import type { ForecastGrid, ForecastLine, GridLine } from '#app/features/forecasts/grid-types.ts'
import { forecastWeeks } from '#app/features/forecasts/weeks.ts'

/**
 * A small co-forecast grid for the grid's unit and browser tests: `products` × `weeks` from Monday 4 January 2027,
 * every line empty at version 0 unless `fill` gives figures. Test-only (imported by *.test.ts and the harness).
 */
export function testGrid(
  options: {
    products?: number
    weeks?: number
    side?: 'host' | 'partner'
    canEdit?: boolean
    fill?: Partial<Record<ForecastLine, (product: number, week: number) => number | null>>
  } = {},
): ForecastGrid {
  const productCount = options.products ?? 3
  const weeks = forecastWeeks('2027-01-04', options.weeks ?? 4)
  const line = (name: ForecastLine): GridLine => {
    const values: (number | null)[] = []
    const versions: number[] = []
    for (let p = 0; p < productCount; p++)
      for (let w = 0; w < weeks.length; w++) {
        const value = options.fill?.[name]?.(p, w) ?? null
        values.push(value)
        versions.push(value === null ? 0 : 1)
      }
    return { values, versions }
  }
  const cells = productCount * weeks.length
  return {
    forecast: {
      id: '00000000-0000-4000-8000-00000000f001',
      name: 'Spring 2027',
      partnershipId: '00000000-0000-4000-8000-00000000a001',
      startWeek: weeks[0],
      horizonWeeks: weeks.length,
      unit: 'units',
      rules: { gapBp: 2000, gapUnits: 50, shiftBp: 3000 },
      version: 1,
      hostOrgName: 'Acme Appliances',
      partnerOrgName: 'Brightside Stores',
    },
    side: options.side ?? 'partner',
    canEdit: options.canEdit ?? true,
    weeks,
    products: Array.from({ length: productCount }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      sku: `SKU-${String(i + 1).padStart(3, '0')}`,
      name: `Product ${i + 1}`,
    })),
    lines: {
      host: line('host'),
      partner: line('partner'),
      consensus: line('consensus'),
      actual: line('actual'),
    },
    proposals: { proposed: Array(cells).fill(null), by: Array(cells).fill(null) },
    adjustments: [],
    events: [],
    exceptions: [],
    publishedVersion: null,
  }
}

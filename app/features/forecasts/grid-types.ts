import type {
  ForecastExceptionStatus,
  ForecastLine,
  ForecastRule,
  ForecastUnit,
} from '#db/schema/forecasts.ts'

// The shapes the co-forecast grid travels in, shared by the loader, the client grid, CSV and the benchmark.
// Cells are flat arrays indexed `productIndex * weeks.length + weekIndex`, so 500 products × 52 weeks × 4 lines
// load as a few arrays of numbers rather than 100,000 objects (docs/decisions/0019-co-forecasts.md).

export type { ForecastLine, ForecastRule, ForecastUnit }

/** The lines people type into (actuals are imported). */
export const sideLines = ['host', 'partner'] as const
export type SideLine = (typeof sideLines)[number]

export type ForecastRules = { gapBp: number | null; gapUnits: number | null; shiftBp: number | null }

export type GridProduct = { id: string; sku: string; name: string }

/** One line's cells: its figure (null: none yet) and version (0: no cell yet). */
export type GridLine = { values: (number | null)[]; versions: number[] }

/** Consensus proposals waiting for the other side: the figure and which side proposed it. */
export type GridProposals = { proposed: (number | null)[]; by: (SideLine | null)[] }

/** A promotion's lift applied to a line; `units` is flat like the lines (0 where it adds nothing). */
export type GridAdjustment = {
  id: string
  line: ForecastLine
  label: string
  liftBp: number
  promotionId: string | null
  units: number[]
}

/** An approved promotion of the partnership that runs in the horizon, on the rows it covers (by SKU). */
export type GridEvent = {
  promotionId: string
  name: string
  status: string
  startsOn: string
  endsOn: string
  expectedLiftBp: number
  /** Indexes into `weeks` the promotion touches. */
  weekIndexes: number[]
  /** Indexes into `products` of the rows it covers. */
  productIndexes: number[]
}

export type GridException = {
  id: string
  productIndex: number
  weekIndex: number
  rule: ForecastRule
  status: ForecastExceptionStatus
  breaking: boolean
}

export type ForecastGrid = {
  forecast: {
    id: string
    name: string
    partnershipId: string
    startWeek: string
    horizonWeeks: number
    unit: ForecastUnit
    rules: ForecastRules
    version: number
    hostOrgName: string
    partnerOrgName: string
  }
  /** The caller's side, and whether they may change figures (an editing role). */
  side: SideLine
  canEdit: boolean
  weeks: string[]
  products: GridProduct[]
  lines: Record<ForecastLine, GridLine>
  proposals: GridProposals
  adjustments: GridAdjustment[]
  events: GridEvent[]
  exceptions: GridException[]
  /** The newest published version's number, if any (the consensus shift rule compares against it). */
  publishedVersion: number | null
}

/** A cell as a person typed it, with the version they typed over (0: no cell yet). */
export type CellEdit = { productId: string; weekStart: string; value: number | null; baseVersion: number }

/** A cell someone else saved meanwhile: not written; what they typed, what is saved, by whom, at which version. */
export type CellConflict = {
  productId: string
  weekStart: string
  line: ForecastLine
  mine: number | null
  theirs: number | null
  version: number
  by: string | null
}

/** A saved cell as it is pushed to the other viewers. */
export type CellUpdate = {
  productId: string
  weekStart: string
  line: ForecastLine
  value: number | null
  proposed: number | null
  proposedBy: SideLine | null
  version: number
  /** Who saved it, on pushes to the other viewers (a conflict then names them). */
  by?: string | null
}

export const MAX_FORECAST_UNITS = 1_000_000_000

export const cellIndex = (productIndex: number, weekIndex: number, weekCount: number) =>
  productIndex * weekCount + weekIndex

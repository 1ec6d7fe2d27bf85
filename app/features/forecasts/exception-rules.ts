import type { ForecastRule, ForecastRules, GridAdjustment, GridLine } from './grid-types.ts'

/**
 * The plan's exception rules, on the figures the grid shows (a line's figure plus its active adjustments).
 * All arithmetic is on integers, so a figure exactly at a threshold never breaks it by float drift.
 *
 * Side gap (rule off when gapBp and gapUnits are both null): diff = host − partner;
 * varianceBp = round(|diff| × 10000 / max(host, partner)) (0 when both are 0); breaks when every threshold that is
 * set is exceeded strictly: (gapBp null or varianceBp > gapBp) and (gapUnits null or |diff| > gapUnits).
 *
 * Consensus shift (rule off when shiftBp is null): diff = current − published;
 * varianceBp = round(|diff| × 10000 / published); published 0 and current > 0 → varianceBp = 1_000_000 (clamped,
 * "from nothing"; larger shares are clamped to it too, so the figure fits its column); breaks when
 * varianceBp > shiftBp.
 *
 * Either rule gives null (nothing to check) when it is off or one of its two figures is missing. Rounding is half
 * up: 1 in 3 is 3333 bp, 1 in 6 is 1667 bp; the breaking test compares the rounded figure, the one people see.
 */

export type RuleResult = {
  breaking: boolean
  /** The two figures compared: host and partner, or the current and the published consensus. */
  left: number
  right: number
  /** Signed difference left − right. */
  varianceUnits: number
  varianceBp: number
}

/** The largest varianceBp reported (10,000 %): a consensus that moved from nothing, or more than a hundredfold. */
export const MAX_VARIANCE_BP = 1_000_000

/** round(numerator / denominator), half up, for a numerator ≥ 0 and a denominator > 0, on integers. */
function roundedRatio(numerator: number, denominator: number): number {
  let quotient = Math.floor(numerator / denominator)
  let remainder = numerator - quotient * denominator
  // The float division may land one off for large quotients; the remainder puts it right.
  if (remainder < 0) {
    quotient -= 1
    remainder += denominator
  } else if (remainder >= denominator) {
    quotient += 1
    remainder -= denominator
  }
  return 2 * remainder >= denominator ? quotient + 1 : quotient
}

export function sideGap(
  host: number | null,
  partner: number | null,
  rules: ForecastRules,
): RuleResult | null {
  if (rules.gapBp === null && rules.gapUnits === null) return null
  if (host === null || partner === null) return null
  const diff = host - partner
  const larger = Math.max(host, partner)
  const varianceBp = larger === 0 ? 0 : roundedRatio(Math.abs(diff) * 10000, larger)
  const breaking =
    (rules.gapBp === null || varianceBp > rules.gapBp) &&
    (rules.gapUnits === null || Math.abs(diff) > rules.gapUnits)
  return { breaking, left: host, right: partner, varianceUnits: diff, varianceBp }
}

export function consensusShift(
  current: number | null,
  published: number | null,
  rules: ForecastRules,
): RuleResult | null {
  if (rules.shiftBp === null) return null
  if (current === null || published === null) return null
  const diff = current - published
  let varianceBp: number
  if (published === 0) varianceBp = current > 0 ? MAX_VARIANCE_BP : 0
  else varianceBp = Math.min(MAX_VARIANCE_BP, roundedRatio(Math.abs(diff) * 10000, published))
  return {
    breaking: varianceBp > rules.shiftBp,
    left: current,
    right: published,
    varianceUnits: diff,
    varianceBp,
  }
}

/** The figures the rules read, flat like the grid's lines (index = productIndex × weekCount + weekIndex). */
export type RuleInput = {
  weekCount: number
  productCount: number
  host: readonly (number | null)[]
  partner: readonly (number | null)[]
  consensus: readonly (number | null)[]
  /** The newest published version's consensus; null when nothing is published yet (the shift rule waits). */
  published: readonly (number | null)[] | null
}

export type CellRuleResult = {
  productIndex: number
  weekIndex: number
  rule: ForecastRule
  result: RuleResult
}

function evaluateCell(input: RuleInput, rules: ForecastRules, index: number, out: CellRuleResult[]) {
  const productIndex = Math.floor(index / input.weekCount)
  const weekIndex = index % input.weekCount
  const gap = sideGap(input.host[index] ?? null, input.partner[index] ?? null, rules)
  if (gap) out.push({ productIndex, weekIndex, rule: 'side_gap', result: gap })
  if (input.published) {
    const shift = consensusShift(input.consensus[index] ?? null, input.published[index] ?? null, rules)
    if (shift) out.push({ productIndex, weekIndex, rule: 'consensus_shift', result: shift })
  }
}

/**
 * Every cell and rule that applies, breaking or not: callers open exceptions for the breaking ones and close those
 * whose cell came back within the rule. Cells are in grid order, side gap before consensus shift.
 */
export function evaluateGrid(input: RuleInput, rules: ForecastRules): CellRuleResult[] {
  const out: CellRuleResult[] = []
  const cells = input.productCount * input.weekCount
  for (let index = 0; index < cells; index++) evaluateCell(input, rules, index, out)
  return out
}

/** The same for only the given cell indexes (the cells a save touched); indexes outside the grid are skipped. */
export function evaluateCells(
  input: RuleInput,
  rules: ForecastRules,
  indexes: Iterable<number>,
): CellRuleResult[] {
  const out: CellRuleResult[] = []
  const cells = input.productCount * input.weekCount
  const seen = new Set<number>()
  for (const index of indexes) {
    if (!Number.isInteger(index) || index < 0 || index >= cells || seen.has(index)) continue
    seen.add(index)
    evaluateCell(input, rules, index, out)
  }
  return out
}

/**
 * A line as the grid shows it and the rules check it: each figure plus the units of the line's adjustments
 * (a cell with no figure stays without one: a lift is a share of a figure).
 */
export function lineWithAdjustments(
  line: Pick<GridLine, 'values'>,
  adjustments: readonly Pick<GridAdjustment, 'line' | 'units'>[],
  lineName: GridAdjustment['line'],
): (number | null)[] {
  const own = adjustments.filter((a) => a.line === lineName)
  if (own.length === 0) return [...line.values]
  return line.values.map((value, index) => {
    if (value === null) return null
    let total = value
    for (const adjustment of own) total += adjustment.units[index] ?? 0
    return total
  })
}

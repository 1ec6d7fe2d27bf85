import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  consensusShift,
  evaluateCells,
  evaluateGrid,
  lineWithAdjustments,
  MAX_VARIANCE_BP,
  type RuleInput,
  sideGap,
} from './exception-rules.ts'
import type { ForecastRules } from './grid-types.ts'

// The agreement of the issue: flag when the forecasts differ by more than 20 % and more than 50 units, and a week
// whose consensus moves more than 30 % from the last published version.
const rules: ForecastRules = { gapBp: 2000, gapUnits: 50, shiftBp: 3000 }

describe('side gap', () => {
  test('100 against 80 is exactly 2000 bp and does not break a 2000 bp rule', () => {
    expect(sideGap(100, 80, { gapBp: 2000, gapUnits: null, shiftBp: null })).toEqual({
      breaking: false,
      left: 100,
      right: 80,
      varianceUnits: 20,
      varianceBp: 2000,
    })
    expect(sideGap(100, 79, { gapBp: 2000, gapUnits: null, shiftBp: null })?.breaking).toBe(true)
  })

  test('a gap of exactly the units threshold does not break; one more does, when the share also breaks', () => {
    // 250 vs 200: 50 units, 2000 bp — both exactly at the thresholds.
    expect(sideGap(250, 200, rules)).toMatchObject({ breaking: false, varianceUnits: 50, varianceBp: 2000 })
    // 251 vs 200: 51 units, 51 × 10000 / 251 = 2031.87 → 2032 bp.
    expect(sideGap(251, 200, rules)).toMatchObject({ breaking: true, varianceUnits: 51, varianceBp: 2032 })
  })

  test('both set thresholds must be exceeded', () => {
    // 100 vs 79: 2100 bp, but only 21 units.
    expect(sideGap(100, 79, rules)?.breaking).toBe(false)
    // 1000 vs 949: 51 units, but only 510 bp.
    expect(sideGap(1000, 949, rules)).toMatchObject({ breaking: false, varianceBp: 510 })
  })

  test('a rule partly off checks only the threshold that is set', () => {
    const unitsOnly = { gapBp: null, gapUnits: 50, shiftBp: null }
    expect(sideGap(1000, 949, unitsOnly)?.breaking).toBe(true)
    expect(sideGap(1000, 950, unitsOnly)?.breaking).toBe(false)
    const shareOnly = { gapBp: 2000, gapUnits: null, shiftBp: null }
    expect(sideGap(10, 7, shareOnly)).toMatchObject({ breaking: true, varianceBp: 3000 })
  })

  test('the rule off, or a figure missing, gives nothing to check', () => {
    expect(sideGap(100, 10, { gapBp: null, gapUnits: null, shiftBp: 3000 })).toBeNull()
    expect(sideGap(null, 10, rules)).toBeNull()
    expect(sideGap(100, null, rules)).toBeNull()
  })

  test('both at 0 is no gap; one at 0 is the whole of the other', () => {
    expect(sideGap(0, 0, rules)).toEqual({
      breaking: false,
      left: 0,
      right: 0,
      varianceUnits: 0,
      varianceBp: 0,
    })
    expect(sideGap(0, 60, rules)).toEqual({
      breaking: true,
      left: 0,
      right: 60,
      varianceUnits: -60,
      varianceBp: 10000,
    })
    // A 0 % rule with no units threshold flags any difference at all.
    expect(sideGap(1, 0, { gapBp: 0, gapUnits: null, shiftBp: null })?.breaking).toBe(true)
  })

  test('shares round half up', () => {
    // 1 in 20000 is 0.5 bp → 1; 1 in 30000 is 0.33 bp → 0; 1 in 3 is 3333.3 → 3333; 2 in 3 is 6666.7 → 6667.
    expect(sideGap(20000, 19999, rules)?.varianceBp).toBe(1)
    expect(sideGap(30000, 29999, rules)?.varianceBp).toBe(0)
    expect(sideGap(3, 2, rules)?.varianceBp).toBe(3333)
    expect(sideGap(3, 1, rules)?.varianceBp).toBe(6667)
  })

  test('is symmetric: swapping the sides keeps breaking and the size of the variance', () => {
    const figure = fc.integer({ min: 0, max: 1_000_000_000 })
    const threshold = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: null })
    fc.assert(
      fc.property(
        figure,
        figure,
        threshold(10000),
        threshold(1_000_000_000),
        (host, partner, gapBp, gapUnits) => {
          const r = { gapBp, gapUnits, shiftBp: null }
          const a = sideGap(host, partner, r)
          const b = sideGap(partner, host, r)
          if (gapBp === null && gapUnits === null) return a === null && b === null
          return (
            a !== null &&
            b !== null &&
            a.breaking === b.breaking &&
            a.varianceBp === b.varianceBp &&
            Math.abs(a.varianceUnits) === Math.abs(b.varianceUnits)
          )
        },
      ),
    )
  })

  test('the share is the exact rounded ratio, also for figures near the 32-bit limit', () => {
    const figure = fc.integer({ min: 0, max: 2_000_000_000 })
    fc.assert(
      fc.property(figure, figure, (host, partner) => {
        const larger = BigInt(Math.max(host, partner))
        const diff = BigInt(Math.abs(host - partner))
        // Half up on integers: floor((2 × diff × 10000 + larger) / (2 × larger)).
        const exact = larger === 0n ? 0n : (2n * diff * 10000n + larger) / (2n * larger)
        return sideGap(host, partner, rules)?.varianceBp === Number(exact)
      }),
    )
  })
})

describe('consensus shift', () => {
  test('a move of exactly 30 % does not break a 3000 bp rule; a move of 30.01 % does', () => {
    expect(consensusShift(130, 100, rules)).toEqual({
      breaking: false,
      left: 130,
      right: 100,
      varianceUnits: 30,
      varianceBp: 3000,
    })
    // 3001 from 10000: 3001 bp.
    expect(consensusShift(13001, 10000, rules)).toMatchObject({ breaking: true, varianceBp: 3001 })
    // Down by 30 % is the same share.
    expect(consensusShift(70, 100, rules)).toMatchObject({
      breaking: false,
      varianceUnits: -30,
      varianceBp: 3000,
    })
  })

  test('the share is of the published figure, not of the larger one', () => {
    // 200 from 150: 50 × 10000 / 150 = 3333.3 → 3333 (the side gap of the same figures would be 2500).
    expect(consensusShift(200, 150, rules)).toMatchObject({ breaking: true, varianceBp: 3333 })
  })

  test('from nothing is clamped to 1,000,000 bp; 0 to 0 is no move; down to 0 is 10000 bp', () => {
    expect(consensusShift(5, 0, rules)).toMatchObject({
      breaking: true,
      varianceUnits: 5,
      varianceBp: 1_000_000,
    })
    expect(consensusShift(0, 0, rules)).toMatchObject({ breaking: false, varianceBp: 0 })
    expect(consensusShift(0, 40, rules)).toMatchObject({
      breaking: true,
      varianceUnits: -40,
      varianceBp: 10000,
    })
    // A hundredfold and more is clamped too.
    expect(consensusShift(1_000_000_000, 1, rules)?.varianceBp).toBe(MAX_VARIANCE_BP)
  })

  test('the rule off, or either figure missing, gives nothing to check', () => {
    expect(consensusShift(200, 100, { gapBp: 2000, gapUnits: 50, shiftBp: null })).toBeNull()
    expect(consensusShift(null, 100, rules)).toBeNull()
    expect(consensusShift(100, null, rules)).toBeNull()
  })
})

describe('a whole grid', () => {
  // 3 products × 4 weeks; index = product × 4 + week. The flagged cells are worked out beside each figure.
  const n = null
  const input: RuleInput = {
    weekCount: 4,
    productCount: 3,
    host: [100, 100, 300, 0, n, 250, 1000, 60, 500, 0, 200, 10],
    partner: [80, 79, 240, 0, 90, 200, 949, 0, n, 0, 149, 80],
    consensus: [130, 100, n, 5, 70, 0, 1000, 50, n, 0, 200, 10],
    published: [100, 77, 100, 0, 100, 40, n, 50, 40, 0, 150, 7],
  }
  // Side gap (> 2000 bp and > 50 units):
  //   P0 W0 100/80: 20 u, 2000 bp — no (at the share)      P0 W1 100/79: 21 u, 2100 bp — no (units)
  //   P0 W2 300/240: 60 u, 2000 bp — no (at the share)     P0 W3 0/0: 0 bp — no
  //   P1 W0 no host figure — not checked                   P1 W1 250/200: 50 u, 2000 bp — no (at both)
  //   P1 W2 1000/949: 51 u, 510 bp — no (share)            P1 W3 60/0: 60 u, 10000 bp — BREAKS
  //   P2 W0 no partner figure — not checked                P2 W1 0/0 — no
  //   P2 W2 200/149: 51 u, 2550 bp — BREAKS                P2 W3 10/80: −70 u, 8750 bp — BREAKS
  // Consensus shift (> 3000 bp of the published figure):
  //   P0 W0 130/100: 3000 — no (at it)                     P0 W1 100/77: 2987 — no
  //   P0 W2 no consensus — not checked                     P0 W3 5/0: from nothing, 1,000,000 — BREAKS
  //   P1 W0 70/100: 3000 — no (at it)                      P1 W1 0/40: 10000 — BREAKS
  //   P1 W2 nothing published — not checked                P1 W3 50/50: 0 — no
  //   P2 W0 no consensus — not checked                     P2 W1 0/0: 0 — no
  //   P2 W2 200/150: 3333 — BREAKS                         P2 W3 10/7: 4285.7 → 4286 — BREAKS

  test('flags exactly the cells worked out by hand, and lists the ones within the rules too', () => {
    const results = evaluateGrid(input, rules)
    const summary = results.map((r) => [
      r.productIndex,
      r.weekIndex,
      r.rule,
      r.result.breaking,
      r.result.varianceBp,
    ])
    expect(summary).toEqual([
      [0, 0, 'side_gap', false, 2000],
      [0, 0, 'consensus_shift', false, 3000],
      [0, 1, 'side_gap', false, 2100],
      [0, 1, 'consensus_shift', false, 2987],
      [0, 2, 'side_gap', false, 2000],
      [0, 3, 'side_gap', false, 0],
      [0, 3, 'consensus_shift', true, 1_000_000],
      [1, 0, 'consensus_shift', false, 3000],
      [1, 1, 'side_gap', false, 2000],
      [1, 1, 'consensus_shift', true, 10000],
      [1, 2, 'side_gap', false, 510],
      [1, 3, 'side_gap', true, 10000],
      [1, 3, 'consensus_shift', false, 0],
      [2, 1, 'side_gap', false, 0],
      [2, 1, 'consensus_shift', false, 0],
      [2, 2, 'side_gap', true, 2550],
      [2, 2, 'consensus_shift', true, 3333],
      [2, 3, 'side_gap', true, 8750],
      [2, 3, 'consensus_shift', true, 4286],
    ])
    const p2w3 = results.find((r) => r.productIndex === 2 && r.weekIndex === 3 && r.rule === 'side_gap')
    expect(p2w3?.result).toEqual({
      breaking: true,
      left: 10,
      right: 80,
      varianceUnits: -70,
      varianceBp: 8750,
    })
  })

  test('with nothing published yet only the side gap is checked', () => {
    const results = evaluateGrid({ ...input, published: null }, rules)
    expect(results.every((r) => r.rule === 'side_gap')).toBe(true)
    expect(results.filter((r) => r.result.breaking).map((r) => [r.productIndex, r.weekIndex])).toEqual([
      [1, 3],
      [2, 2],
      [2, 3],
    ])
  })

  test('with both rules off nothing is checked', () => {
    expect(evaluateGrid(input, { gapBp: null, gapUnits: null, shiftBp: null })).toEqual([])
  })

  test('only the given cells: in the order given, each once, outside indexes skipped', () => {
    const results = evaluateCells(input, rules, [11, 4, 11, 12, -1, 1.5])
    expect(results.map((r) => [r.productIndex, r.weekIndex, r.rule, r.result.breaking])).toEqual([
      [2, 3, 'side_gap', true],
      [2, 3, 'consensus_shift', true],
      [1, 0, 'consensus_shift', false],
    ])
  })
})

describe('a line with its adjustments', () => {
  test('adds the units of the adjustments of that line only, and leaves cells without a figure empty', () => {
    const adjustments = [
      { line: 'host' as const, units: [10, 0, 5, 0] },
      { line: 'host' as const, units: [1, 2, 0, 0] },
      { line: 'partner' as const, units: [100, 100, 100, 100] },
    ]
    expect(lineWithAdjustments({ values: [100, null, 0, 7] }, adjustments, 'host')).toEqual([111, null, 5, 7])
    expect(lineWithAdjustments({ values: [1, 2] }, adjustments, 'consensus')).toEqual([1, 2])
  })
})

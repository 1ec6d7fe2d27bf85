import { describe, expect, test } from 'vitest'
import { testGrid } from '#tests/support/forecast-grid/grid-fixture.ts'
import { type CellUpdate, cellIndex } from '../grid-types.ts'
import { editSummary, fillRight, pasteText, proposalsToDecide } from './grid-commands.ts'
import {
  applySaveFailure,
  applySaveResult,
  applyUpdates,
  cellKey,
  editCells,
  type GridState,
  hasSendable,
  initState,
  keepMine,
  parseFigure,
  rebase,
  retryFailed,
  savedFigure,
  takeBatch,
  takeTheirs,
} from './grid-state.ts'

// 3 products × 4 weeks from 2027-01-04; the partner's line holds 100 + 10 × week at version 1.
const grid = () => testGrid({ fill: { partner: (_p, w) => 100 + 10 * w } })
const P = (i: number) => testGrid().products[i].id
const W = (i: number) => testGrid().weeks[i]
const key = (line: 'host' | 'partner' | 'consensus', p: number, w: number) => cellKey(line, P(p), W(w))
const type = (s: GridState, p: number, w: number, text: string, line: 'partner' | 'consensus' = 'partner') =>
  editCells(s, [{ line, product: p, week: w, text }])
const update = (
  p: number,
  w: number,
  value: number | null,
  version: number,
  extra: Partial<CellUpdate> = {},
) =>
  ({
    productId: P(p),
    weekStart: W(w),
    line: 'partner',
    value,
    proposed: null,
    proposedBy: null,
    version,
    ...extra,
  }) satisfies CellUpdate

describe('reading a typed figure', () => {
  test('whole units, with thousands separators and Persian digits, read as numbers; blank clears', () => {
    expect(parseFigure('120')).toEqual({ value: 120, error: null })
    expect(parseFigure(' 1,200 ')).toEqual({ value: 1200, error: null })
    expect(parseFigure('۱۲۰')).toEqual({ value: 120, error: null })
    expect(parseFigure('')).toEqual({ value: null, error: null })
  })

  test('negative, decimal, text and more than a billion units are refused with a reason', () => {
    expect(parseFigure('-5').error).toBe('grid.invalid.units')
    expect(parseFigure('12.5').error).toBe('grid.invalid.units')
    expect(parseFigure('lots').error).toBe('grid.invalid.units')
    expect(parseFigure('1,20').error).toBe('grid.invalid.units')
    expect(parseFigure('1000000001').error).toBe('grid.invalid.tooLarge')
  })
})

describe('pending edits and saving', () => {
  test('typing over a cell is an edit at its version; typing its saved figure back is none', () => {
    let s = type(initState(grid()), 0, 1, '150')
    expect(s.edits.get(key('partner', 0, 1))).toMatchObject({ value: 150, baseVersion: 1, sent: null })
    s = type(s, 0, 1, '110')
    expect(s.edits.size).toBe(0)
  })

  test('a batch takes the ready edits of one line, marks them sent, and sends each once', () => {
    let s = initState(grid())
    s = type(s, 0, 0, '5')
    s = type(s, 1, 0, 'x')
    s = type(s, 2, 3, '7', 'consensus')
    const batch = takeBatch(s, 'partner')
    expect(batch.cells).toEqual([{ productId: P(0), weekStart: W(0), value: 5, baseVersion: 1 }])
    expect(takeBatch(batch.state, 'partner').cells).toEqual([])
    expect(takeBatch(batch.state, 'consensus').cells).toEqual([
      { productId: P(2), weekStart: W(3), value: 7, baseVersion: 0 },
    ])
    expect(editSummary(batch.state)).toEqual({ unsaved: 1, saving: 1, conflicts: 0, invalid: 1, failed: 0 })
  })

  test('a big paste is sent in batches of at most the cap', () => {
    const s = pasteText(initState(grid()), '1\t2\t3\t4\n5\t6\t7\t8', {
      line: 'partner',
      product: 0,
      week: 0,
    }).state
    const first = takeBatch(s, 'partner', 5)
    expect(first.cells).toHaveLength(5)
    expect(takeBatch(first.state, 'partner', 5).cells).toHaveLength(3)
  })

  test('a saved cell takes its new version and its edit goes', () => {
    const sent = takeBatch(type(initState(grid()), 0, 1, '150'), 'partner')
    const s = applySaveResult(sent.state, sent.keys, { saved: [update(0, 1, 150, 2)], conflicts: [] })
    expect(s.edits.size).toBe(0)
    expect(s.grid.lines.partner.values[cellIndex(0, 1, 4)]).toBe(150)
    expect(s.grid.lines.partner.versions[cellIndex(0, 1, 4)]).toBe(2)
  })

  test('a cell typed again while its save was on the way stays, now based on the saved version', () => {
    const sent = takeBatch(type(initState(grid()), 0, 1, '150'), 'partner')
    const retyped = type(sent.state, 0, 1, '160')
    expect(hasSendable(retyped, 'partner')).toBe(false)
    const s = applySaveResult(retyped, sent.keys, { saved: [update(0, 1, 150, 2)], conflicts: [] })
    expect(s.edits.get(key('partner', 0, 1))).toMatchObject({ value: 160, baseVersion: 2, sent: null })
    expect(takeBatch(s, 'partner').cells).toEqual([
      { productId: P(0), weekStart: W(1), value: 160, baseVersion: 2 },
    ])
  })

  test('a refused cell keeps what was typed beside their figure, and is not sent again until the person chooses', () => {
    const sent = takeBatch(type(initState(grid()), 0, 1, '120'), 'partner')
    const conflict = {
      productId: P(0),
      weekStart: W(1),
      line: 'partner' as const,
      mine: 120,
      theirs: 140,
      version: 3,
      by: 'Priya',
    }
    const s = applySaveResult(sent.state, sent.keys, { saved: [], conflicts: [conflict] })
    expect(s.edits.get(key('partner', 0, 1))).toMatchObject({
      text: '120',
      conflict: { theirs: 140, by: 'Priya', version: 3 },
    })
    expect(s.grid.lines.partner.values[cellIndex(0, 1, 4)]).toBe(140)
    expect(takeBatch(s, 'partner').cells).toEqual([])

    const mine = takeBatch(keepMine(s, key('partner', 0, 1)), 'partner')
    expect(mine.cells).toEqual([{ productId: P(0), weekStart: W(1), value: 120, baseVersion: 3 }])

    const theirs = takeTheirs(s, key('partner', 0, 1))
    expect(theirs.edits.size).toBe(0)
    expect(savedFigure(theirs.grid, 'partner', cellIndex(0, 1, 4))).toBe(140)
  })

  test('a conflict on a cell the page no longer had as an edit is kept from what the server says was typed', () => {
    const s = applySaveResult(initState(grid()), [], {
      saved: [],
      conflicts: [
        { productId: P(2), weekStart: W(0), line: 'partner', mine: 80, theirs: 90, version: 4, by: null },
      ],
    })
    expect(s.edits.get(key('partner', 2, 0))).toMatchObject({
      text: '80',
      value: 80,
      conflict: { theirs: 90 },
    })
  })

  test('a sent cell the answer leaves out was unchanged: the edit goes and the side line shows what was sent', () => {
    let s = type(initState(grid()), 0, 0, '5')
    s = type(s, 0, 2, '9')
    const sent = takeBatch(s, 'partner')
    const retyped = type(sent.state, 0, 2, '10')
    const answered = applySaveResult(retyped, sent.keys, { saved: [], conflicts: [] })
    expect(answered.grid.lines.partner.values[cellIndex(0, 0, 4)]).toBe(5)
    expect([...answered.edits.keys()]).toEqual([key('partner', 0, 2)])
    expect(answered.edits.get(key('partner', 0, 2))).toMatchObject({ value: 10, sent: null, failed: false })
  })

  test('a failed save keeps every cell, which is sent again only on retry', () => {
    const sent = takeBatch(type(initState(grid()), 1, 1, '33'), 'partner')
    const failed = applySaveFailure(sent.state, sent.keys)
    expect(failed.edits.get(key('partner', 1, 1))).toMatchObject({ value: 33, failed: true })
    expect(takeBatch(failed, 'partner').cells).toEqual([])
    expect(takeBatch(retryFailed(failed), 'partner').cells).toHaveLength(1)
  })
})

describe('live updates from the other viewers', () => {
  test('a newer figure replaces the cell and is reported changed; an older or equal version is ignored', () => {
    const { state, changed } = applyUpdates(initState(grid()), [update(0, 0, 99, 2), update(1, 0, 1, 1)])
    expect(changed).toEqual([key('partner', 0, 0)])
    expect(state.grid.lines.partner.values[cellIndex(0, 0, 4)]).toBe(99)
    expect(state.grid.lines.partner.values[cellIndex(1, 0, 4)]).toBe(100)
  })

  test('a cell with an unsaved edit becomes a conflict instead of being overwritten', () => {
    const s = applyUpdates(type(initState(grid()), 0, 0, '120'), [update(0, 0, 140, 2)]).state
    expect(s.edits.get(key('partner', 0, 0))).toMatchObject({
      text: '120',
      conflict: { theirs: 140, version: 2 },
    })
  })

  test('a live conflict names who saved, when the push says', () => {
    const s = applyUpdates(type(initState(grid()), 0, 0, '120'), [
      update(0, 0, 140, 2, { by: 'Bella' }),
    ]).state
    expect(s.edits.get(key('partner', 0, 0))?.conflict).toEqual({ theirs: 140, by: 'Bella', version: 2 })
  })

  test('typing begun before a named live save is committed as a conflict naming them', () => {
    const live = applyUpdates(initState(grid()), [update(0, 0, 140, 2, { by: 'Bella' })]).state
    const s = editCells(live, [{ line: 'partner', product: 0, week: 0, text: '120', baseVersion: 1 }])
    expect(s.edits.get(key('partner', 0, 0))?.conflict).toEqual({ theirs: 140, by: 'Bella', version: 2 })
    // A later save nobody named (a reload) does not keep the old name.
    const unnamed = applyUpdates(live, [update(0, 0, 150, 3)]).state
    const t = editCells(unnamed, [{ line: 'partner', product: 0, week: 0, text: '120', baseVersion: 1 }])
    expect(t.edits.get(key('partner', 0, 0))?.conflict).toEqual({ theirs: 150, by: null, version: 3 })
  })

  test('they saved the same figure as was typed: nothing to choose, the edit goes', () => {
    const s = applyUpdates(type(initState(grid()), 0, 0, '140'), [update(0, 0, 140, 2)]).state
    expect(s.edits.size).toBe(0)
  })

  test('a cell being saved is left to the save’s answer (it may be the echo of this save)', () => {
    const sent = takeBatch(type(initState(grid()), 0, 0, '140'), 'partner')
    const echoed = applyUpdates(sent.state, [update(0, 0, 140, 2)]).state
    expect(echoed.edits.get(key('partner', 0, 0))?.conflict).toBeNull()
    const s = applySaveResult(echoed, sent.keys, { saved: [update(0, 0, 140, 2)], conflicts: [] })
    expect(s.edits.size).toBe(0)
  })

  test('typing that began before someone saved the cell is a conflict when committed', () => {
    const live = applyUpdates(initState(grid()), [update(0, 3, 500, 2)]).state
    const s = editCells(live, [{ line: 'partner', product: 0, week: 3, text: '480', baseVersion: 1 }])
    expect(s.edits.get(key('partner', 0, 3))?.conflict).toEqual({ theirs: 500, by: null, version: 2 })
  })

  test('consensus updates carry the proposal, which is what a typed proposal is compared with', () => {
    const typed = type(initState(grid()), 1, 2, '75', 'consensus')
    const s = applyUpdates(typed, [
      update(1, 2, null, 1, { line: 'consensus', proposed: 80, proposedBy: 'host' }),
    ]).state
    expect(s.grid.proposals.proposed[cellIndex(1, 2, 4)]).toBe(80)
    expect(s.edits.get(key('consensus', 1, 2))?.conflict?.theirs).toBe(80)
  })
})

describe('reloading the grid', () => {
  test('edits follow their product when rows reorder; stale ones become conflicts; removed products go', () => {
    let s = type(initState(grid()), 0, 0, '1')
    s = type(s, 1, 0, '2')
    s = type(s, 2, 0, '3')
    const next = grid()
    // Product 1 removed, products 0 and 2 swapped, and product 2's first week saved meanwhile.
    next.products = [next.products[2], next.products[0]]
    next.lines.partner = {
      values: [777, 110, 120, 130, 100, 110, 120, 130],
      versions: [5, 1, 1, 1, 1, 1, 1, 1],
    }
    const r = rebase(s, next)
    expect([...r.edits.keys()].sort()).toEqual([key('partner', 0, 0), key('partner', 2, 0)].sort())
    expect(r.edits.get(key('partner', 0, 0))?.conflict).toBeNull()
    expect(r.edits.get(key('partner', 2, 0))?.conflict).toEqual({ theirs: 777, by: null, version: 5 })
    expect(takeBatch(r, 'partner').cells).toEqual([
      { productId: P(0), weekStart: W(0), value: 1, baseVersion: 1 },
    ])
  })
})

describe('fill right and paste', () => {
  test('fill right copies each row’s figure to the rest of the horizon, typed figures included', () => {
    let s = type(initState(grid()), 1, 1, '42')
    const r = fillRight(
      s,
      [
        { line: 'partner', product: 0 },
        { line: 'partner', product: 1 },
      ],
      1,
    )
    s = r.state
    expect(r.count).toBe(4)
    const typed = (p: number, w: number) => s.edits.get(key('partner', p, w))?.value
    expect([typed(0, 2), typed(0, 3), typed(1, 2), typed(1, 3)]).toEqual([110, 110, 42, 42])
    expect(typed(0, 0)).toBeUndefined()
  })

  test('fill right from a cell that is not a figure changes nothing', () => {
    const s = type(initState(grid()), 0, 0, 'abc')
    const r = fillRight(s, [{ line: 'partner', product: 0 }], 0)
    expect(r).toMatchObject({ invalid: true, count: 0 })
    expect(r.state).toBe(s)
  })

  test('a pasted block fills the same line of the following products and weeks, cut at the plan’s edges', () => {
    const r = pasteText(initState(grid()), '1,200\t5\t6\n7\t8\t9\n1\t1\t1\n', {
      line: 'partner',
      product: 1,
      week: 2,
    })
    expect(r.count).toBe(4)
    const typed = (p: number, w: number) => r.state.edits.get(key('partner', p, w))?.value
    expect([typed(1, 2), typed(1, 3), typed(2, 2), typed(2, 3)]).toEqual([1200, 5, 7, 8])
    expect(r.state.edits.size).toBe(4)
  })

  test('one value pasted over a selection fills all of it; bad text is kept as typed', () => {
    const r = pasteText(
      initState(grid()),
      'n/a',
      { line: 'partner', product: 0, week: 0 },
      {
        targets: [
          { line: 'partner', product: 0 },
          { line: 'consensus', product: 0 },
        ],
        weeks: { from: 0, to: 1 },
      },
    )
    expect(r.count).toBe(4)
    expect([...r.state.edits.values()].map((e) => [e.line, e.text, e.error])).toEqual([
      ['partner', 'n/a', 'grid.invalid.units'],
      ['partner', 'n/a', 'grid.invalid.units'],
      ['consensus', 'n/a', 'grid.invalid.units'],
      ['consensus', 'n/a', 'grid.invalid.units'],
    ])
  })
})

describe('consensus proposals', () => {
  const withProposal = (proposed: number, by: 'host' | 'partner') => {
    const g = grid()
    g.lines.consensus.values[cellIndex(0, 0, 4)] = 100
    g.lines.consensus.versions[cellIndex(0, 0, 4)] = 4
    g.proposals.proposed[cellIndex(0, 0, 4)] = proposed
    g.proposals.by[cellIndex(0, 0, 4)] = by
    return initState(g)
  }

  test('only the other side’s proposals are there to decide, and none without an editing role', () => {
    const s = withProposal(120, 'host')
    s.grid.proposals.proposed[cellIndex(2, 3, 4)] = 90
    s.grid.proposals.by[cellIndex(2, 3, 4)] = 'partner'
    expect(proposalsToDecide(s)).toEqual([{ productId: P(0), weekStart: W(0), baseVersion: 4 }])
    expect(proposalsToDecide(s, [{ product: 2, week: 3 }])).toEqual([])
    expect(proposalsToDecide(initState({ ...s.grid, canEdit: false }))).toEqual([])
    expect(savedFigure(s.grid, 'consensus', cellIndex(0, 0, 4))).toBe(120)
  })

  test('typing the other side’s proposal is sent (it accepts it); typing one’s own proposal again is nothing', () => {
    expect(takeBatch(type(withProposal(120, 'host'), 0, 0, '120', 'consensus'), 'consensus').cells).toEqual([
      { productId: P(0), weekStart: W(0), value: 120, baseVersion: 4 },
    ])
    expect(type(withProposal(120, 'partner'), 0, 0, '120', 'consensus').edits.size).toBe(0)
  })

  test('typing the agreed figure while a proposal waits is sent: it withdraws or declines the proposal', () => {
    expect(type(withProposal(120, 'partner'), 0, 0, '100', 'consensus').edits.size).toBe(1)
  })

  test('a consensus figure cannot be cleared, but leaving an empty consensus cell empty is no edit', () => {
    expect(
      type(withProposal(120, 'host'), 0, 0, '', 'consensus').edits.get(key('consensus', 0, 0))?.error,
    ).toBe('grid.invalid.consensusBlank')
    expect(type(initState(grid()), 0, 1, '', 'consensus').edits.size).toBe(0)
  })

  test('the other side proposing meanwhile the figure that was typed is no conflict: it is sent as acceptance', () => {
    const typed = type(initState(grid()), 0, 1, '130', 'consensus')
    const s = applyUpdates(typed, [
      update(0, 1, null, 1, { line: 'consensus', proposed: 130, proposedBy: 'host' }),
    ]).state
    expect(s.edits.get(key('consensus', 0, 1))).toMatchObject({ value: 130, baseVersion: 1, conflict: null })
  })
})

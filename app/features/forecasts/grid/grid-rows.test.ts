import { describe, expect, test } from 'vitest'
import { testGrid } from '#tests/support/forecast-grid/grid-fixture.ts'
import { cellIndex, type GridEvent } from '../grid-types.ts'
import { editorKeyAction, gridKeyAction, landing } from './grid-keys.ts'
import {
  buildRows,
  editableTargets,
  eventLanes,
  eventsByCell,
  exceptionsByCell,
  exceptionsOn,
  lineTotal,
  rangeOf,
} from './grid-rows.ts'

const event = (name: string, weekIndexes: number[], productIndexes: number[]): GridEvent => ({
  promotionId: `promo-${name}`,
  name,
  status: 'approved',
  startsOn: '2027-01-04',
  endsOn: '2027-01-31',
  expectedLiftBp: 1500,
  weekIndexes,
  productIndexes,
})

describe('rows of the grid', () => {
  test('three lines per product; actuals only once any exist', () => {
    const g = testGrid({ products: 2 })
    expect(buildRows(g).map((r) => `${r.product}:${r.kind}:${r.line}`)).toEqual([
      '0:line:host',
      '0:line:partner',
      '0:line:consensus',
      '1:line:host',
      '1:line:partner',
      '1:line:consensus',
    ])
    g.lines.actual.values[cellIndex(1, 3, 4)] = 12
    expect(buildRows(g).filter((r) => r.line === 'actual')).toHaveLength(2)
  })

  test('an adjustment has a row under its line on the products it adds to, then the line’s total', () => {
    const g = testGrid({ products: 2 })
    const units = Array(8).fill(0)
    units[cellIndex(1, 2, 4)] = 15
    g.adjustments = [
      { id: 'a1', line: 'partner', label: 'Spring end-cap', liftBp: 1500, promotionId: 'p', units },
    ]
    expect(
      buildRows(g)
        .filter((r) => r.product === 1)
        .map((r) => `${r.kind}:${r.line}`),
    ).toEqual(['line:host', 'line:partner', 'adjustment:partner', 'total:partner', 'line:consensus'])
    expect(buildRows(g).filter((r) => r.product === 0 && r.kind !== 'line')).toEqual([])
    expect(lineTotal(g, 'partner', cellIndex(1, 2, 4), 100)).toBe(115)
    expect(lineTotal(g, 'partner', cellIndex(1, 1, 4), null)).toBeNull()
    expect(lineTotal(g, 'host', cellIndex(1, 2, 4), 100)).toBe(100)
  })

  test('a range’s editable rows are the person’s line and consensus, not the other side, totals or adjustments', () => {
    const g = testGrid({ products: 2 })
    g.adjustments = [
      { id: 'a1', line: 'partner', label: 'x', liftBp: 1, promotionId: null, units: Array(8).fill(1) },
    ]
    const rows = buildRows(g)
    expect(
      editableTargets(rows, rangeOf({ row: 6, col: 0 }, { row: 0, col: 2 }), ['partner', 'consensus']),
    ).toEqual([
      { line: 'partner', product: 0 },
      { line: 'consensus', product: 0 },
      { line: 'partner', product: 1 },
    ])
  })
})

describe('exceptions and promotions on the grid', () => {
  test('only open or explained exceptions that still break their rule are shown, on the lines they concern', () => {
    const g = testGrid()
    g.exceptions = [
      { id: 'e1', productIndex: 0, weekIndex: 1, rule: 'side_gap', status: 'open', breaking: true },
      { id: 'e2', productIndex: 0, weekIndex: 2, rule: 'side_gap', status: 'resolved', breaking: true },
      {
        id: 'e3',
        productIndex: 1,
        weekIndex: 0,
        rule: 'consensus_shift',
        status: 'explained',
        breaking: true,
      },
      { id: 'e4', productIndex: 2, weekIndex: 0, rule: 'side_gap', status: 'open', breaking: false },
    ]
    const map = exceptionsByCell(g)
    expect([...map.values()].flat().map((e) => e.id)).toEqual(['e1', 'e3'])
    expect(exceptionsOn(map, 'host', cellIndex(0, 1, 4)).map((e) => e.id)).toEqual(['e1'])
    expect(exceptionsOn(map, 'consensus', cellIndex(0, 1, 4))).toEqual([])
    expect(exceptionsOn(map, 'consensus', cellIndex(1, 0, 4)).map((e) => e.id)).toEqual(['e3'])
  })

  test('overlapping promotions stack in lanes; one that starts after another ends shares its lane', () => {
    const g = testGrid({ weeks: 8 })
    g.events = [event('A', [0, 1, 2], [0]), event('B', [2, 3], [1]), event('C', [4, 5], [0, 1])]
    expect(eventLanes(g)).toEqual({
      lanes: 2,
      bars: [
        { event: 0, from: 0, to: 2, lane: 0 },
        { event: 1, from: 2, to: 3, lane: 1 },
        { event: 2, from: 4, to: 5, lane: 0 },
      ],
    })
    const { cells, products } = eventsByCell(g)
    expect(cells.get(cellIndex(0, 1, 8))).toEqual([0])
    expect(cells.get(cellIndex(1, 1, 8))).toBeUndefined()
    expect(products.get(1)).toEqual([1, 2])
  })
})

describe('the keyboard', () => {
  const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
    key: k,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  })

  test('arrows move, Shift+arrows extend, and right to left the weeks run the other way', () => {
    expect(gridKeyAction(key('ArrowRight'), false)).toEqual({ type: 'move', rows: 0, cols: 1, extend: false })
    expect(gridKeyAction(key('ArrowRight'), true)).toEqual({ type: 'move', rows: 0, cols: -1, extend: false })
    expect(gridKeyAction(key('ArrowDown', { shiftKey: true }), false)).toMatchObject({
      rows: 1,
      extend: true,
    })
    expect(gridKeyAction(key('Enter', { shiftKey: true }), false)).toMatchObject({ rows: -1, cols: 0 })
  })

  test('typing starts editing with the key, F2 keeps the figure, Delete clears, Ctrl+R and ⌘R fill right', () => {
    expect(gridKeyAction(key('7'), false)).toEqual({ type: 'edit', text: '7' })
    expect(gridKeyAction(key('F2'), false)).toEqual({ type: 'edit', text: null })
    expect(gridKeyAction(key('Delete'), false)).toEqual({ type: 'clear' })
    expect(gridKeyAction(key('r', { ctrlKey: true }), false)).toEqual({ type: 'fillRight' })
    expect(gridKeyAction(key('R', { metaKey: true, shiftKey: true }), false)).toEqual({ type: 'fillRight' })
    expect(gridKeyAction(key('c', { ctrlKey: true }), false)).toBeNull()
  })

  test('moves stop at the edges, but Tab past the last week leaves the grid', () => {
    const size = { rows: 6, cols: 4, page: 3 }
    const right = gridKeyAction(key('ArrowRight'), false)
    const tab = gridKeyAction(key('Tab'), false)
    const pageDown = gridKeyAction(key('PageDown'), false)
    if (!right || !tab || !pageDown) throw new Error('mapped keys')
    expect(landing({ row: 0, col: 3 }, right, size)).toEqual({ row: 0, col: 3 })
    expect(landing({ row: 0, col: 2 }, tab, size)).toEqual({ row: 0, col: 3 })
    expect(landing({ row: 0, col: 3 }, tab, size)).toBeNull()
    expect(landing({ row: 4, col: 1 }, pageDown, size)).toEqual({ row: 5, col: 1 })
  })

  test('in the editor, Enter and Tab commit and move, Escape cancels, arrows move only when typing over, Ctrl+R fills', () => {
    expect(editorKeyAction(key('Enter'), false, false)).toEqual({ type: 'commit', rows: 1, cols: 0 })
    expect(editorKeyAction(key('Tab', { shiftKey: true }), true, false)).toEqual({
      type: 'commit',
      rows: 0,
      cols: -1,
    })
    expect(editorKeyAction(key('Escape'), false, false)).toEqual({ type: 'cancel' })
    expect(editorKeyAction(key('ArrowLeft'), false, true)).toEqual({ type: 'commit', rows: 0, cols: 1 })
    expect(editorKeyAction(key('ArrowLeft'), true, false)).toBeNull()
    expect(editorKeyAction(key('r', { ctrlKey: true }), true, false)).toEqual({ type: 'fillRight' })
  })
})

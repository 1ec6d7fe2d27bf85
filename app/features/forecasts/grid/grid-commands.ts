import { parsePastedBlock, placeBlock } from '#app/features/promotions/grid-paste.ts'
import { cellIndex } from '../grid-types.ts'
import {
  type EditableLine,
  type EditInput,
  editCells,
  effectiveFigure,
  type GridState,
  type ProposalDecision,
} from './grid-state.ts'

/** What the grid's commands do to its state (fill right, a block typed, cleared or pasted) and what is left to decide. */

export type RowTarget = { line: EditableLine; product: number }

/**
 * Fill right: each target row's figure in `fromWeek` copied to every later week of the horizon. Refused (state
 * unchanged, `invalid`) when a source cell holds text that is not a figure.
 */
export function fillRight(
  state: GridState,
  targets: RowTarget[],
  fromWeek: number,
): { state: GridState; count: number; invalid: boolean } {
  const inputs: EditInput[] = []
  for (const t of targets) {
    const value = effectiveFigure(state, t.line, t.product, fromWeek)
    if (value === undefined) return { state, count: 0, invalid: true }
    const text = value === null ? '' : String(value)
    for (let w = fromWeek + 1; w < state.grid.weeks.length; w++)
      inputs.push({ line: t.line, product: t.product, week: w, text })
  }
  return { state: editCells(state, inputs), count: inputs.length, invalid: false }
}

/** Typing, clearing or a single pasted value over a block of rows and weeks. */
export function setCells(
  state: GridState,
  targets: RowTarget[],
  weeks: { from: number; to: number },
  text: string,
): GridState {
  const inputs: EditInput[] = []
  for (const t of targets)
    for (let w = weeks.from; w <= weeks.to; w++)
      inputs.push({ line: t.line, product: t.product, week: w, text })
  return editCells(state, inputs)
}

/**
 * A block pasted from a spreadsheet: its rows fill the same line of the following products, its columns the
 * following weeks (what falls outside the plan is dropped). One value pasted over a selection fills all of it.
 */
export function pasteText(
  state: GridState,
  text: string,
  at: RowTarget & { week: number },
  selection?: { targets: RowTarget[]; weeks: { from: number; to: number } },
): { state: GridState; count: number } {
  const block = parsePastedBlock(text)
  if (block.length === 1 && block[0].length === 1 && selection) {
    const count = selection.targets.length * (selection.weeks.to - selection.weeks.from + 1)
    return { state: setCells(state, selection.targets, selection.weeks, block[0][0]), count }
  }
  const placed = placeBlock(
    block,
    { row: at.product, column: at.week },
    { rows: state.grid.products.length, columns: state.grid.weeks.length },
  )
  const inputs = placed.map((c) => ({ line: at.line, product: c.row, week: c.column, text: c.value }))
  return { state: editCells(state, inputs), count: inputs.length }
}

/** The consensus proposal of a cell, if one is waiting. */
export function proposalAt(state: GridState, product: number, week: number) {
  const index = cellIndex(product, week, state.grid.weeks.length)
  const proposed = state.grid.proposals.proposed[index]
  const by = state.grid.proposals.by[index]
  if (proposed === null || proposed === undefined) return null
  return {
    proposed,
    by,
    decision: {
      productId: state.grid.products[product].id,
      weekStart: state.grid.weeks[week],
      baseVersion: state.grid.lines.consensus.versions[index],
    } satisfies ProposalDecision,
  }
}

/** Every proposal the other side made, which this person may accept or reject (none without an editing role). */
export function proposalsToDecide(state: GridState, cells?: { product: number; week: number }[]) {
  const out: ProposalDecision[] = []
  if (!state.grid.canEdit) return out
  const { grid } = state
  const consider = (product: number, week: number) => {
    const p = proposalAt(state, product, week)
    if (p && p.by !== grid.side) out.push(p.decision)
  }
  if (cells) for (const c of cells) consider(c.product, c.week)
  else
    grid.proposals.proposed.forEach((proposed, index) => {
      if (proposed !== null) consider(Math.floor(index / grid.weeks.length), index % grid.weeks.length)
    })
  return out
}

export function editSummary(state: GridState) {
  const summary = { unsaved: 0, saving: 0, conflicts: 0, invalid: 0, failed: 0 }
  for (const e of state.edits.values()) {
    if (e.sent) summary.saving++
    else if (e.conflict) summary.conflicts++
    else if (e.error) summary.invalid++
    else if (e.failed) summary.failed++
    else summary.unsaved++
  }
  return summary
}

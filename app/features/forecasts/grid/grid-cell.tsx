// biome-ignore-all lint/a11y/useSemanticElements: an ARIA grid of divs, because table layout cannot be virtualized in both directions with sticky columns
// biome-ignore-all lint/a11y/useFocusableInteractive: one tab stop; cells are reached through the grid's aria-activedescendant
import type { TFunction } from 'i18next'
import { memo } from 'react'
import { cellIndex, type GridException } from '../grid-types.ts'
import { exceptionsOn, type GridRow, lineTotal } from './grid-rows.ts'
import {
  cellKey,
  type EditableLine,
  effectiveFigure,
  type GridState,
  type PendingEdit,
} from './grid-state.ts'
import type { GridFormat } from './use-grid-format.ts'

export const ROW_H = 32
export const COL_W = 88

export type Lookups = {
  exceptions: Map<number, GridException[]>
  eventCells: Map<number, number[]>
}

export type CellView = {
  text: string
  /** A consensus proposal waiting, shown small beside the agreed figure. */
  sub: string
  title: string
  tone: string
  editable: boolean
  exceptionId: string | null
  onEvent: boolean
  spoken: string
}

export function editStatus(edit: PendingEdit | undefined) {
  if (!edit) return null
  if (edit.conflict) return 'conflict'
  if (edit.error) return 'invalid'
  if (edit.failed) return 'failed'
  if (edit.sent) return 'saving'
  return 'pending'
}

/** What one cell shows, worked out from the state; cheap enough for every visible cell on every render. */
export function describeCell(
  state: GridState,
  row: GridRow,
  col: number,
  ctx: {
    lookups: Lookups
    editable: EditableLine[]
    flashed: ReadonlySet<string>
    f: GridFormat
    t: TFunction
  },
): CellView {
  const { grid } = state
  const { f, t } = ctx
  const index = cellIndex(row.product, col, grid.weeks.length)
  const key = cellKey(row.line, grid.products[row.product].id, grid.weeks[col])
  const titles: string[] = []
  const view: CellView = {
    text: '',
    sub: '',
    title: '',
    tone: 'bg-white text-slate-600',
    editable: false,
    exceptionId: null,
    onEvent: false,
    spoken: '',
  }
  if (row.kind === 'adjustment') {
    const units = grid.adjustments[row.adjustment].units[index]
    view.text = units ? `+${f.figure(units)}` : ''
    view.tone = 'bg-slate-50 text-xs text-slate-500'
  } else if (row.kind === 'total') {
    const figure =
      row.line === 'consensus'
        ? grid.lines.consensus.values[index]
        : (effectiveFigure(state, row.line, row.product, col) ?? grid.lines[row.line].values[index])
    view.text = f.figure(lineTotal(grid, row.line, index, figure))
    view.tone = 'bg-slate-100 font-medium text-slate-800'
  } else {
    view.editable = (ctx.editable as string[]).includes(row.line)
    const edit = view.editable ? state.edits.get(key) : undefined
    const status = editStatus(edit)
    const saved = grid.lines[row.line].values[index]
    view.text = edit ? (edit.error ? edit.text : f.figure(edit.value)) : f.figure(saved)
    if (view.editable) view.tone = 'bg-white text-slate-900'
    if (row.line === 'consensus') {
      const proposed = grid.proposals.proposed[index]
      const by = grid.proposals.by[index]
      if (proposed !== null && by) {
        view.sub = f.figure(proposed)
        titles.push(t('grid.proposal.title', { value: f.figure(proposed), org: f.org(by) }))
        if (!edit) view.tone = 'bg-violet-50 text-slate-900'
      }
    }
    const exceptions = exceptionsOn(ctx.lookups.exceptions, row.line, index)
    if (exceptions.length) {
      view.exceptionId = exceptions[0].id
      for (const e of exceptions) titles.push(f.rule(e))
      if (!edit) view.tone = 'bg-amber-100 text-amber-950'
    }
    if (edit && status) {
      view.tone = {
        conflict: 'bg-red-50 text-red-900 ring-2 ring-inset ring-red-600',
        invalid: 'bg-red-50 text-red-800 ring-1 ring-inset ring-red-500',
        failed: 'bg-red-50 text-slate-900 ring-1 ring-inset ring-red-400',
        saving: 'bg-brand-50 text-slate-500',
        pending: 'bg-brand-50 text-slate-900',
      }[status]
      if (edit.conflict)
        titles.push(
          t(edit.conflict.by ? 'grid.conflict.byName' : 'grid.conflict.someone', {
            name: edit.conflict.by,
            theirs: f.figure(edit.conflict.theirs) || f.blank,
            mine: edit.error ? edit.text : f.figure(edit.value) || f.blank,
          }),
        )
      else if (edit.error) titles.push(t(edit.error))
      else titles.push(t(`grid.status.${status}`))
    }
  }
  const events = ctx.lookups.eventCells.get(index)
  if (events && row.kind === 'line') {
    view.onEvent = true
    for (const e of events) titles.push(t('grid.event.on', { name: grid.events[e].name }))
  }
  if (ctx.flashed.has(key) && view.tone.startsWith('bg-white')) view.tone = 'bg-sky-100 text-slate-900'
  view.title = titles.join('\n')
  view.spoken = titles.length ? [view.text || f.blank, ...titles].join('. ') : view.text || f.blank
  return view
}

type CellProps = {
  id: string
  row: number
  col: number
  label: string
  view: CellView
  selected: boolean
  active: boolean
}

/** One figure of the grid. Props are plain values so a cell re-renders only when what it shows changes. */
export const GridCellView = memo(function GridCellView({
  id,
  row,
  col,
  label,
  view,
  selected,
  active,
}: CellProps) {
  const tone = selected && !active && !view.tone.includes('ring') ? 'bg-brand-100 text-slate-900' : view.tone
  return (
    <div
      role="gridcell"
      id={id}
      aria-colindex={col + 3}
      aria-selected={selected}
      aria-readonly={!view.editable}
      aria-label={`${label}: ${view.spoken}`}
      title={view.title || undefined}
      data-row={row}
      data-col={col}
      style={{ width: COL_W, height: ROW_H, flex: 'none', position: 'relative', contain: 'strict' }}
      className={`flex items-center justify-end gap-1 border-e border-b border-slate-100 px-2 text-sm tabular-nums select-none ${tone} ${active ? 'outline-2 -outline-offset-2 outline-brand-600' : ''}`}
    >
      {view.onEvent ? (
        <span aria-hidden="true" className="absolute inset-x-0 top-0 h-0.5 bg-violet-400" />
      ) : null}
      {view.exceptionId ? (
        // A pointer shortcut to the exception; from the keyboard it opens from the cell's details below the grid.
        <span
          data-exception={view.exceptionId}
          aria-hidden="true"
          className="absolute start-0.5 top-1 flex size-4 cursor-pointer items-center justify-center rounded-full bg-amber-500 text-[10px] font-bold text-white hover:bg-amber-600"
        >
          !
        </span>
      ) : null}
      {view.sub ? (
        <span aria-hidden="true" className="me-auto ps-3 text-[11px] text-violet-700">
          {view.sub}
        </span>
      ) : null}
      <span className="truncate">{view.text}</span>
    </div>
  )
}, sameCell)

function sameCell(a: CellProps, b: CellProps) {
  if (a.id !== b.id || a.label !== b.label || a.selected !== b.selected || a.active !== b.active) return false
  const x = a.view
  const y = b.view
  return (
    x.text === y.text &&
    x.sub === y.sub &&
    x.title === y.title &&
    x.tone === y.tone &&
    x.editable === y.editable &&
    x.exceptionId === y.exceptionId &&
    x.onEvent === y.onEvent &&
    x.spoken === y.spoken
  )
}

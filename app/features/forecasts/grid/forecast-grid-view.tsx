import {
  type ClipboardEvent,
  type KeyboardEvent,
  type MouseEvent,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react'
import { useTranslation } from 'react-i18next'
import { directionOf } from '#app/lib/i18n/config.ts'
import { type CellUpdate, cellIndex, type ForecastGrid, type GridAdjustment } from '../grid-types.ts'
import { GridCanvas, headerHeight, STICKY_W } from './grid-canvas.tsx'
import { COL_W, ROW_H } from './grid-cell.tsx'
import { fillRight, pasteText, proposalsToDecide, setCells } from './grid-commands.ts'
import { CellEditor, type Editing } from './grid-editor.tsx'
import { gridKeyAction, landing, type Position } from './grid-keys.ts'
import { CellDetails, ConflictList, EventsList, GridToolbar } from './grid-panels.tsx'
import {
  buildRows,
  copyText,
  editableTargets,
  eventLanes,
  eventsByCell,
  exceptionsByCell,
  hasActuals,
} from './grid-rows.ts'
import {
  cellKey,
  type EditableLine,
  editableLines,
  editCells,
  keepMine,
  type ProposalDecision,
  type SaveResult,
  savedFigure,
  takeTheirs,
} from './grid-state.ts'
import { useGridActions } from './use-grid-actions.ts'
import { useGridFormat } from './use-grid-format.ts'
import { useGridSelection } from './use-grid-selection.ts'
import { type SaveBatch, useGridStore } from './use-grid-store.ts'

export type { ProposalDecision, SaveBatch, SaveResult }

export type ForecastGridViewProps = {
  grid: ForecastGrid
  /**
   * Saves one line's edited cells (debounced, or at once for a paste or fill); resolves with what was saved and
   * refused. Throwing keeps the cells for a retry; an Error whose message is an i18n key (the endpoint's error,
   * e.g. "forecasts:errors.closed") is shown as the reason. The same holds for the other callbacks.
   */
  onSave: (batch: SaveBatch) => Promise<SaveResult>
  /**
   * Accepts or rejects proposals of the other side, each at the version seen; resolves with the cells decided
   * (`saved`) and those whose proposal changed meanwhile (`conflicts`, left for the person to look at again).
   */
  onAccept: (cells: ProposalDecision[]) => Promise<SaveResult>
  onReject: (cells: ProposalDecision[]) => Promise<SaveResult>
  /** Applies a promotion's lift to the caller's line; the button waits while a returned promise runs. */
  onApplyLift: (promotionId: string) => unknown
  onUndoAdjustment: (adjustmentId: string) => unknown
  onOpenException: (exceptionId: string) => void
  /** Cells others saved (socket pushes): called with a listener, returns the unsubscribe (see useUpdateFeed). */
  subscribeUpdates?: (listener: (updates: CellUpdate[]) => void) => () => void
  /** The grid's scrolling height (CSS). */
  height?: string
}

/**
 * The co-forecast grid: products × weeks with each product's host, partner and consensus lines (and actuals),
 * promotions over the weeks, adjustments and exceptions on the cells. The caller types into their own line and
 * proposes consensus figures; edits save in batches and merge with what others save meanwhile (grid-state.ts).
 *
 * It renders after hydration: its layout is inline styles, which the content security policy refuses in
 * server-rendered HTML but allows when React sets them (decision 0017); until then a box of its height waits.
 */
export function ForecastGridView(props: ForecastGridViewProps) {
  const { t } = useTranslation('forecasts')
  const [mounted, setMounted] = useState(false)
  useEffect(() => setMounted(true), [])
  const height = props.height ?? 'max(24rem, 70vh)'
  if (!mounted)
    return (
      // No inline style here: this is server-rendered, where the content security policy refuses them.
      <p
        role="status"
        className="min-h-[max(24rem,70vh)] rounded-lg bg-white p-4 text-sm text-slate-500 ring-1 ring-slate-200"
      >
        {t('grid.loading')}
      </p>
    )
  return <GridView {...props} height={height} />
}

function GridView(props: ForecastGridViewProps & { height: string }) {
  const { t, i18n } = useTranslation('forecasts')
  const rtl = directionOf(i18n.language) === 'rtl'
  const store = useGridStore(props.grid, props)
  const { state } = store
  const { grid } = state
  const f = useGridFormat(grid)
  const gridId = useId().replace(/:/g, '')
  const scrollRef = useRef<HTMLDivElement>(null)
  const editable = useMemo(() => editableLines(grid), [grid])

  // Rows and lookups change with a reload, not with edits or live figures (those keep these arrays).
  const actualLine = grid.lines.actual
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the actual line decides it (scanning it is not free)
  const actuals = useMemo(() => hasActuals(grid), [actualLine])
  const { products, adjustments, events, exceptions } = grid
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt from exactly the parts of the grid it reads
  const rows = useMemo(() => buildRows(grid), [products, adjustments, actuals])
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above
  const lookups = useMemo(() => {
    const byCell = eventsByCell(grid)
    return {
      exceptions: exceptionsByCell(grid),
      eventCells: byCell.cells,
      productEvents: byCell.products,
      ...eventLanes(grid),
    }
  }, [products, events, exceptions])

  const [editing, setEditing] = useState<Editing | null>(null)
  const size = { rows: rows.length, cols: grid.weeks.length }
  const headerH = headerHeight(lookups.lanes)
  const { active, range, moveTo } = useGridSelection(size, headerH, rtl, scrollRef)
  const { notice, setNotice, busy, reason, decide, undo, applyLift } = useGridActions(props, store.merge)
  const focusGrid = () => scrollRef.current?.focus({ preventScroll: true })

  const rowAt = (r: number) => rows[r]
  const editableRow = (r: number) => {
    const row = rowAt(r)
    return row?.kind === 'line' && (editable as string[]).includes(row.line)
      ? (row.line as EditableLine)
      : null
  }

  function startEditing(at: Position, text: string | null) {
    const line = editableRow(at.row)
    if (!line) {
      setNotice({ tone: 'info', text: t(grid.canEdit ? 'grid.notEditable' : 'grid.readOnly') })
      return
    }
    const product = rows[at.row].product
    const key = cellKey(line, grid.products[product].id, grid.weeks[at.col])
    const edit = state.edits.get(key)
    const index = cellIndex(product, at.col, grid.weeks.length)
    const saved = savedFigure(grid, line, index)
    setEditing({
      row: at.row,
      col: at.col,
      text: text ?? edit?.text ?? (saved === null ? '' : String(saved)),
      caret: text === null,
      baseVersion: edit?.baseVersion ?? grid.lines[line].versions[index],
    })
  }

  /** Ends editing with what was typed; `move` (Enter, Tab, arrows) moves on, null (focus left the cell) stays. */
  function commit(text: string, move: { rows: number; cols: number } | null) {
    if (!editing) return
    const line = editableRow(editing.row)
    if (line)
      store.edit((s) =>
        editCells(s, [
          {
            line,
            product: rows[editing.row].product,
            week: editing.col,
            text,
            baseVersion: editing.baseVersion,
          },
        ]),
      )
    setEditing(null)
    if (!move) return
    const to = landing(editing, { type: 'move', ...move, extend: false }, { ...size, page: 1 })
    if (to) moveTo(to)
    focusGrid()
  }

  const selection = () => ({
    targets: editableTargets(rows, range, editable),
    weeks: { from: range.left, to: range.right },
  })

  function paste(text: string, at: Position = active) {
    const line = editableRow(at.row)
    if (!line) return setNotice({ tone: 'info', text: t('grid.paste.notEditable') })
    const many = range.top !== range.bottom || range.left !== range.right
    const r = pasteText(
      store.get(),
      text,
      { line, product: rows[at.row].product, week: at.col },
      many ? selection() : undefined,
    )
    store.edit(() => r.state, true)
    setNotice({ tone: 'info', text: t('grid.paste.done', { count: r.count }) })
  }

  function fill() {
    const { targets } = selection()
    if (targets.length === 0) return setNotice({ tone: 'info', text: t('grid.fill.notEditable') })
    const r = fillRight(store.get(), targets, range.left)
    if (r.invalid) return setNotice({ tone: 'error', text: t('grid.fill.invalid') })
    store.edit(() => r.state, true)
    setNotice({ tone: 'info', text: t('grid.fill.done', { count: r.count }) })
  }

  const canUndo = (a: GridAdjustment) => grid.canEdit && (a.line === grid.side || a.line === 'consensus')

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.target !== scrollRef.current || editing) return
    const action = gridKeyAction(event, rtl)
    if (!action) return
    if (action.type === 'edit') {
      event.preventDefault()
      return startEditing(active, action.text)
    }
    if (action.type === 'fillRight') {
      // Ctrl+R would reload the page.
      event.preventDefault()
      return grid.canEdit ? fill() : undefined
    }
    if (action.type === 'clear') {
      event.preventDefault()
      // Consensus figures are not cleared (a proposal is withdrawn by typing the agreed figure): only the side line.
      const { targets, weeks } = selection()
      const side = targets.filter((target) => target.line !== 'consensus')
      if (side.length) store.edit((s) => setCells(s, side, weeks, ''))
      return
    }
    if (action.type === 'collapse') return moveTo(active)
    const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 0) - headerH) / ROW_H) - 1)
    const to = landing(active, action, { ...size, page })
    if (!to) return
    event.preventDefault()
    moveTo(to, 'extend' in action && action.extend)
  }

  function cellFrom(event: MouseEvent) {
    const el = (event.target as HTMLElement).closest<HTMLElement>('[data-row]')
    return el ? { row: Number(el.dataset.row), col: Number(el.dataset.col) } : null
  }

  function onMouseDown(event: MouseEvent<HTMLDivElement>) {
    const exception = (event.target as HTMLElement).closest<HTMLElement>('[data-exception]')
    if (exception?.dataset.exception) return props.onOpenException(exception.dataset.exception)
    const at = cellFrom(event)
    if (at) moveTo(at, event.shiftKey)
  }

  function onPaste(event: ClipboardEvent<HTMLDivElement>) {
    if (editing) return
    event.preventDefault()
    paste(event.clipboardData.getData('text/plain'))
  }

  function onCopy(event: ClipboardEvent<HTMLDivElement>) {
    if (editing) return
    event.preventDefault()
    event.clipboardData.setData('text/plain', copyText(state, rows, range))
  }

  const activeRow = rowAt(active.row)
  const consensusCells = () => {
    const cells: { product: number; week: number }[] = []
    for (let r = range.top; r <= range.bottom; r++)
      if (rows[r]?.kind === 'line' && rows[r].line === 'consensus')
        for (let c = range.left; c <= range.right; c++) cells.push({ product: rows[r].product, week: c })
    return cells
  }
  const toDecide = useMemo(() => proposalsToDecide(store.state).length, [store.state])
  const labelOf = (at: Position) => {
    const row = rowAt(at.row)
    return row
      ? `${grid.products[row.product].sku} · ${f.lineName(row.line)} · ${f.weekLong(grid.weeks[at.col])}`
      : ''
  }
  const ids = { help: `${gridId}-help`, details: `${gridId}-details` }

  if (rows.length === 0 || grid.weeks.length === 0)
    return (
      <p className="rounded-lg bg-white p-4 text-sm text-slate-600 ring-1 ring-slate-200">
        {t('grid.empty')}
      </p>
    )

  return (
    <div>
      <EventsList grid={grid} f={f} busy={busy} onApplyLift={applyLift} />
      <GridToolbar
        grid={grid}
        summary={store.summary}
        failure={store.failure ? reason(store.failure, 'grid.saveFailed') : null}
        notice={notice}
        helpId={ids.help}
        canFill={selection().targets.length > 0}
        toDecide={toDecide}
        busy={busy.has('decide')}
        onFillRight={fill}
        onAcceptAll={() => decide('accept', proposalsToDecide(store.get()))}
        onRetry={store.retry}
      />
      <ConflictList
        state={state}
        f={f}
        onTheirs={(keys) => store.edit((s) => keys.reduce(takeTheirs, s))}
        onMine={(keys) => store.edit((s) => keys.reduce(keepMine, s), true)}
        onShow={(e) => {
          const product = state.productIndex.get(e.productId)
          const row = rows.findIndex((r) => r.kind === 'line' && r.product === product && r.line === e.line)
          if (row >= 0) moveTo({ row, col: state.weekIndex.get(e.weekStart) ?? 0 })
          focusGrid()
        }}
      />
      <GridCanvas
        gridId={gridId}
        scrollRef={scrollRef}
        state={state}
        rows={rows}
        lookups={lookups}
        editable={editable}
        active={active}
        range={range}
        flashed={store.flashed}
        f={f}
        rtl={rtl}
        height={props.height}
        label={t('grid.label', { name: grid.forecast.name })}
        describedBy={ids.help}
        canUndo={canUndo}
        busy={busy}
        onUndo={undo}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onCopy={onCopy}
        onMouseDown={onMouseDown}
        onDoubleClick={(event) => {
          const at = cellFrom(event)
          if (at) startEditing(at, null)
        }}
        editor={
          editing ? (
            <CellEditor
              key={`${editing.row}:${editing.col}`}
              editing={editing}
              label={labelOf(editing)}
              rtl={rtl}
              left={STICKY_W + editing.col * COL_W}
              onCommit={commit}
              onCancel={() => {
                setEditing(null)
                focusGrid()
              }}
              onFillRight={fill}
              onPasteBlock={(text) => {
                setEditing(null)
                paste(text, editing)
                focusGrid()
              }}
            />
          ) : null
        }
      />
      <CellDetails
        id={ids.details}
        state={state}
        row={activeRow}
        col={active.col}
        lookups={lookups}
        f={f}
        busy={busy}
        selectedProposals={proposalsToDecide(state, consensusCells()).length}
        canUndo={activeRow?.kind === 'adjustment' && canUndo(grid.adjustments[activeRow.adjustment])}
        onAccept={() =>
          decide('accept', proposalsToDecide(state, [{ product: activeRow?.product ?? 0, week: active.col }]))
        }
        onReject={() =>
          decide('reject', proposalsToDecide(state, [{ product: activeRow?.product ?? 0, week: active.col }]))
        }
        onAcceptSelected={() => decide('accept', proposalsToDecide(state, consensusCells()))}
        onOpenException={props.onOpenException}
        onUndo={undo}
        onTheirs={(key) => store.edit((s) => takeTheirs(s, key))}
        onMine={(key) => store.edit((s) => keepMine(s, key), true)}
      />
    </div>
  )
}

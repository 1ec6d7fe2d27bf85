import {
  type CellConflict,
  type CellEdit,
  type CellUpdate,
  cellIndex,
  type ForecastGrid,
  type ForecastLine,
  MAX_FORECAST_UNITS,
  type SideLine,
} from '../grid-types.ts'

/**
 * What the co-forecast grid keeps between the server's figures and what the person typed: pending edits, what is
 * being saved, conflicts, and how save answers, live updates and reloads merge into them. Pure, so every rule is
 * unit-tested without a browser; the component only holds a GridState and calls these.
 *
 * An edit lives until the server holds what it says: a save answers it, a conflict keeps it (with the other figure
 * beside it) until the person chooses, and a failed save keeps it for a retry. Nothing typed is dropped unless the
 * saved figure becomes equal to it.
 */

/** The lines a person can type into: their own side's, and consensus (as a proposal). */
export type EditableLine = SideLine | 'consensus'
export type SaveResult = { saved: CellUpdate[]; conflicts: CellConflict[] }
/** A consensus proposal being accepted or rejected, at the version seen, so a changed proposal is not decided. */
export type ProposalDecision = { productId: string; weekStart: string; baseVersion: number }

export type Conflict = { theirs: number | null; by: string | null; version: number }
export type PendingEdit = {
  line: EditableLine
  productId: string
  weekStart: string
  /** As typed (shown back as typed, even when it is not a figure). */
  text: string
  /** The figure it reads as (null: cleared); meaningless while `error` is set. */
  value: number | null
  /** An i18n key (namespace forecasts) when the text is not a whole number of units. */
  error: string | null
  /** The cell's version when the person started typing over it. */
  baseVersion: number
  /** Part of a save request now, with the figure that was sent. */
  sent: { value: number | null } | null
  /** Someone else saved the cell meanwhile: not sent again until the person chooses. */
  conflict: Conflict | null
  /** The last save of it failed (network, server): kept, sent again on retry. */
  failed: boolean
}

export type GridState = {
  grid: ForecastGrid
  productIndex: Map<string, number>
  weekIndex: Map<string, number>
  edits: Map<string, PendingEdit>
  /** Who saved a cell's current version, when a live push said so (a conflict over it then names them). */
  savedBy: Map<string, { version: number; name: string }>
}

/** A request's worth of cells: a big paste or fill goes in several. */
export const MAX_BATCH = 2000

export const cellKey = (line: ForecastLine, productId: string, weekStart: string) =>
  `${line}|${productId}|${weekStart}`

export const editableLines = (grid: ForecastGrid): EditableLine[] =>
  grid.canEdit ? [grid.side, 'consensus'] : []

export function initState(grid: ForecastGrid): GridState {
  return {
    grid,
    productIndex: new Map(grid.products.map((p, i) => [p.id, i])),
    weekIndex: new Map(grid.weeks.map((w, i) => [w, i])),
    edits: new Map(),
    savedBy: new Map(),
  }
}

/** The name of whoever saved the cell at this version, if a push told us. */
function saverOf(state: Pick<GridState, 'savedBy'>, key: string, version: number): string | null {
  const saved = state.savedBy.get(key)
  return saved && saved.version === version ? saved.name : null
}

/** Whole units ≥ 0; blank clears. Persian and Arabic-Indic digits and thousands separators read as typed. */
export function parseFigure(text: string): { value: number | null; error: string | null } {
  let digits = text
    .trim()
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
  if (/^\d{1,3}([,\u066c\u00a0\u202f ]\d{3})+$/.test(digits)) digits = digits.replace(/\D/g, '')
  if (digits === '') return { value: null, error: null }
  if (!/^\d+$/.test(digits)) return { value: null, error: 'grid.invalid.units' }
  const value = Number(digits)
  if (value > MAX_FORECAST_UNITS) return { value: null, error: 'grid.invalid.tooLarge' }
  return { value, error: null }
}

/** What a cell holds on the server: for consensus, the proposal waiting if there is one, else the agreed figure. */
export function savedFigure(grid: ForecastGrid, line: ForecastLine, index: number): number | null {
  if (line === 'consensus') return grid.proposals.proposed[index] ?? grid.lines.consensus.values[index]
  return grid.lines[line].values[index]
}

/**
 * Whether the server already holds a typed figure, so there is nothing to send. On consensus that is the agreed
 * figure with no proposal waiting, or this side's own proposal; typing the agreed figure while a proposal waits
 * withdraws or declines it, which is a change (save-forecast-cells.server.ts, decideConsensus).
 */
export function holds(grid: ForecastGrid, line: ForecastLine, index: number, value: number | null): boolean {
  if (line !== 'consensus') return grid.lines[line].values[index] === value
  const proposed = grid.proposals.proposed[index]
  if (proposed === null || proposed === undefined) return grid.lines.consensus.values[index] === value
  return grid.proposals.by[index] === grid.side && proposed === value
}

/** Typing the other side's proposal accepts it, whatever version it was typed over: never a conflict. */
function acceptsProposal(grid: ForecastGrid, line: ForecastLine, index: number, value: number | null) {
  if (line !== 'consensus') return false
  const proposed = grid.proposals.proposed[index]
  return (
    proposed !== null &&
    proposed !== undefined &&
    grid.proposals.by[index] !== grid.side &&
    proposed === value
  )
}

/**
 * An unsent edit over a cell whose saved version moved on (a live update, a reload, typing begun earlier): gone if
 * the cell now holds it, still to send if it accepts the proposal now there, else a conflict with the saved figure.
 */
function reconcile(
  grid: ForecastGrid,
  e: PendingEdit,
  index: number,
  by: string | null = null,
): PendingEdit | null {
  const version = grid.lines[e.line].versions[index]
  if (e.baseVersion === version || e.conflict?.version === version) return e
  if (!e.error && holds(grid, e.line, index, e.value)) return null
  if (!e.error && acceptsProposal(grid, e.line, index, e.value))
    return { ...e, baseVersion: version, conflict: null }
  return { ...e, conflict: { theirs: savedFigure(grid, e.line, index), by, version } }
}

/** The figure a cell shows with what is typed: the edit's when it reads as one, else the saved one. */
export function effectiveFigure(
  state: GridState,
  line: ForecastLine,
  product: number,
  week: number,
): number | null | undefined {
  const edit = state.edits.get(cellKey(line, state.grid.products[product].id, state.grid.weeks[week]))
  if (edit) return edit.error ? undefined : edit.value
  return savedFigure(state.grid, line, cellIndex(product, week, state.grid.weeks.length))
}

/** Copy-on-write of the lines and proposals, so one merge copies each touched array once. */
function gridWriter(grid: ForecastGrid) {
  const lines = { ...grid.lines }
  const copied = new Set<ForecastLine>()
  let proposals = grid.proposals
  let changed = false
  return {
    setCell(line: ForecastLine, index: number, value: number | null, version: number) {
      if (!copied.has(line)) {
        lines[line] = { values: [...lines[line].values], versions: [...lines[line].versions] }
        copied.add(line)
      }
      lines[line].values[index] = value
      lines[line].versions[index] = version
      changed = true
    },
    setProposal(index: number, proposed: number | null, by: SideLine | null) {
      if (proposals === grid.proposals)
        proposals = { proposed: [...proposals.proposed], by: [...proposals.by] }
      proposals.proposed[index] = proposed
      proposals.by[index] = by
      changed = true
    },
    done: (): ForecastGrid => (changed ? { ...grid, lines, proposals } : grid),
  }
}

export type EditInput = {
  line: EditableLine
  product: number
  week: number
  text: string
  baseVersion?: number
}

/**
 * Records what was typed into cells. A cell typed back to its saved figure is no longer an edit; a cell someone
 * saved since the person started typing (`baseVersion` older than the saved one) becomes a conflict at once.
 */
export function editCells(state: GridState, inputs: EditInput[]): GridState {
  if (inputs.length === 0) return state
  const { grid } = state
  const edits = new Map(state.edits)
  for (const input of inputs) {
    const product = grid.products[input.product]
    const weekStart = grid.weeks[input.week]
    if (!product || weekStart === undefined) continue
    const index = cellIndex(input.product, input.week, grid.weeks.length)
    const key = cellKey(input.line, product.id, weekStart)
    const version = grid.lines[input.line].versions[index]
    const prev = edits.get(key)
    const parsed = parseFigure(input.text)
    const { value } = parsed
    // The service keeps a consensus figure once there is one: a proposal is withdrawn by typing the agreed figure.
    const error =
      parsed.error ??
      (input.line === 'consensus' && value === null && !holds(grid, 'consensus', index, null)
        ? 'grid.invalid.consensusBlank'
        : null)
    const next: PendingEdit = {
      line: input.line,
      productId: product.id,
      weekStart,
      text: input.text,
      value,
      error,
      baseVersion: prev?.baseVersion ?? input.baseVersion ?? version,
      sent: prev?.sent ?? null,
      conflict: prev?.conflict ?? null,
      failed: false,
    }
    if (next.sent) {
      edits.set(key, next)
      continue
    }
    // Typed back to what is saved (or, in a conflict, to what the other person saved): nothing to send.
    if (!error && holds(grid, input.line, index, value)) {
      edits.delete(key)
      continue
    }
    const settled = reconcile(grid, next, index, saverOf(state, key, version))
    if (settled) edits.set(key, settled)
    else edits.delete(key)
  }
  return { ...state, edits }
}

const sendable = (e: PendingEdit) => !e.error && !e.conflict && !e.sent && !e.failed

export function hasSendable(state: GridState, line?: EditableLine): boolean {
  for (const e of state.edits.values()) if ((!line || e.line === line) && sendable(e)) return true
  return false
}

/** Takes up to `max` edits of a line ready to save and marks them as sent. */
export function takeBatch(
  state: GridState,
  line: EditableLine,
  max = MAX_BATCH,
): { state: GridState; cells: CellEdit[]; keys: string[] } {
  const cells: CellEdit[] = []
  const keys: string[] = []
  const edits = new Map(state.edits)
  for (const [key, e] of state.edits) {
    if (cells.length >= max) break
    if (e.line !== line || !sendable(e)) continue
    cells.push({ productId: e.productId, weekStart: e.weekStart, value: e.value, baseVersion: e.baseVersion })
    keys.push(key)
    edits.set(key, { ...e, sent: { value: e.value } })
  }
  return { state: cells.length ? { ...state, edits } : state, cells, keys }
}

function indexOf(state: GridState, productId: string, weekStart: string): number | null {
  const p = state.productIndex.get(productId)
  const w = state.weekIndex.get(weekStart)
  return p === undefined || w === undefined ? null : cellIndex(p, w, state.grid.weeks.length)
}

function writeUpdate(state: GridState, writer: ReturnType<typeof gridWriter>, u: CellUpdate): boolean {
  const index = indexOf(state, u.productId, u.weekStart)
  if (index === null || u.version <= state.grid.lines[u.line].versions[index]) return false
  writer.setCell(u.line, index, u.value, u.version)
  if (u.line === 'consensus') writer.setProposal(index, u.proposed, u.proposedBy)
  return true
}

/**
 * Merges a save's answer: saved cells take their new versions (an edit typed again while it was being saved stays,
 * now based on that version); refused cells become conflicts showing the other figure; a sent cell the answer does
 * not mention is kept as failed unless the server already holds its figure.
 */
export function applySaveResult(state: GridState, keys: string[], result: SaveResult): GridState {
  const writer = gridWriter(state.grid)
  const edits = new Map(state.edits)
  const answered = new Set<string>()
  for (const u of result.saved) {
    writeUpdate(state, writer, u)
    const key = cellKey(u.line, u.productId, u.weekStart)
    answered.add(key)
    const e = edits.get(key)
    if (!e?.sent) continue
    if (!e.error && e.value === e.sent.value && !e.conflict) edits.delete(key)
    else edits.set(key, { ...e, sent: null, baseVersion: u.version })
  }
  for (const c of result.conflicts) {
    const key = cellKey(c.line, c.productId, c.weekStart)
    answered.add(key)
    const index = indexOf(state, c.productId, c.weekStart)
    // A side line's cell is exactly the figure they saved; a consensus cell's proposal comes with the live update.
    if (index !== null && c.line !== 'consensus' && c.version > state.grid.lines[c.line].versions[index])
      writer.setCell(c.line, index, c.theirs, c.version)
    if (c.line === 'actual') continue
    const e: PendingEdit = edits.get(key) ?? {
      line: c.line,
      productId: c.productId,
      weekStart: c.weekStart,
      text: c.mine === null ? '' : String(c.mine),
      value: c.mine,
      error: null,
      baseVersion: 0,
      sent: null,
      conflict: null,
      failed: false,
    }
    edits.set(key, { ...e, sent: null, conflict: { theirs: c.theirs, by: c.by, version: c.version } })
  }
  // The service answers every cell it does not write or refuse as unchanged: it already holds that figure. A side
  // line shows it at once (its version comes with the next push or reload); typed again meanwhile, it stays.
  for (const key of keys) {
    const e = edits.get(key)
    if (answered.has(key) || !e?.sent) continue
    const index = indexOf(state, e.productId, e.weekStart)
    if (index !== null && e.line !== 'consensus' && e.sent.value !== state.grid.lines[e.line].values[index])
      writer.setCell(e.line, index, e.sent.value, state.grid.lines[e.line].versions[index])
    if (!e.error && e.value === e.sent.value && !e.conflict) edits.delete(key)
    else edits.set(key, { ...e, sent: null })
  }
  return { ...state, grid: writer.done(), edits }
}

/** A save that did not answer (network, server error): its cells stay, marked to retry. */
export function applySaveFailure(state: GridState, keys: string[]): GridState {
  const edits = new Map(state.edits)
  for (const key of keys) {
    const e = edits.get(key)
    if (e?.sent) edits.set(key, { ...e, sent: null, failed: true })
  }
  return { ...state, edits }
}

export function retryFailed(state: GridState): GridState {
  const edits = new Map(state.edits)
  for (const [key, e] of edits) if (e.failed) edits.set(key, { ...e, failed: false })
  return { ...state, edits }
}

/**
 * Someone else's saved cells (live). Newer versions replace the figures; a cell with an unsaved edit becomes a
 * conflict instead (or stops being an edit if they saved the same figure). A cell being saved is left to the save's
 * answer, which knows whether it was this person's own save. Returns the keys of the cells that changed.
 */
export function applyUpdates(
  state: GridState,
  updates: CellUpdate[],
): { state: GridState; changed: string[] } {
  const writer = gridWriter(state.grid)
  const edits = new Map(state.edits)
  const changed: string[] = []
  const savedBy = new Map(state.savedBy)
  for (const u of updates) {
    if (!writeUpdate(state, writer, u)) continue
    const k = cellKey(u.line, u.productId, u.weekStart)
    changed.push(k)
    if (u.by) savedBy.set(k, { version: u.version, name: u.by })
    else savedBy.delete(k)
  }
  if (changed.length === 0) return { state, changed }
  const grid = writer.done()
  for (const key of changed) {
    const e = edits.get(key)
    if (!e || e.sent) continue
    const index = indexOf(state, e.productId, e.weekStart)
    if (index === null) continue
    const settled = reconcile(grid, e, index, saverOf({ savedBy }, key, grid.lines[e.line].versions[index]))
    if (settled) edits.set(key, settled)
    else edits.delete(key)
  }
  return { state: { ...state, grid, edits, savedBy }, changed }
}

/**
 * A reloaded grid (after applying a lift, a reconnect): edits stay on their cells by product and week; one whose
 * cell moved on meanwhile becomes a conflict. Edits of products no longer in the plan cannot be saved and go.
 */
export function rebase(state: GridState, grid: ForecastGrid): GridState {
  const next = { ...initState(grid), savedBy: state.savedBy }
  for (const [key, e] of state.edits) {
    const index = indexOf(next, e.productId, e.weekStart)
    if (index === null) continue
    const settled = e.sent
      ? e
      : reconcile(grid, e, index, saverOf(next, key, grid.lines[e.line].versions[index]))
    if (settled) next.edits.set(key, settled)
  }
  return next
}

/** "Use theirs": the typed figure goes, the cell shows what the other person saved. */
export function takeTheirs(state: GridState, key: string): GridState {
  const edits = new Map(state.edits)
  edits.delete(key)
  return { ...state, edits }
}

/** "Keep mine": sent again, now typed over the other person's version, so it replaces their figure knowingly. */
export function keepMine(state: GridState, key: string): GridState {
  const e = state.edits.get(key)
  if (!e?.conflict) return state
  const edits = new Map(state.edits)
  edits.set(key, { ...e, baseVersion: e.conflict.version, conflict: null, failed: false })
  return { ...state, edits }
}

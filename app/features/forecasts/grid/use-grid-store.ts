import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import type { CellEdit, CellUpdate, ForecastGrid } from '../grid-types.ts'
import { editSummary } from './grid-commands.ts'
import {
  applySaveFailure,
  applySaveResult,
  applyUpdates,
  type EditableLine,
  editableLines,
  type GridState,
  hasSendable,
  initState,
  rebase,
  retryFailed,
  type SaveResult,
  takeBatch,
} from './grid-state.ts'

/** Quiet time after the last edit before a save goes (pastes and fills go at once). */
export const SAVE_DELAY_MS = 400
const FLASH_MS = 1600

export type SaveBatch = { line: EditableLine; cells: CellEdit[] }
export type StoreCallbacks = {
  onSave: (batch: SaveBatch) => Promise<SaveResult>
  subscribeUpdates?: (listener: (updates: CellUpdate[]) => void) => () => void
}

/**
 * Holds the grid's state (grid-state.ts) for the component and runs its saves: edits batched per line, one
 * request per line at a time (what is typed meanwhile goes in the next), answers merged as they come. The state
 * lives in a ref so an answer arriving late merges into the newest state, never a stale copy.
 */
export function useGridStore(grid: ForecastGrid, callbacks: StoreCallbacks) {
  const ref = useRef<GridState | null>(null)
  if (ref.current === null) ref.current = initState(grid)
  const [, render] = useReducer((n: number) => n + 1, 0)
  const get = useCallback(() => ref.current as GridState, [])
  const set = useCallback((next: GridState) => {
    if (next === ref.current) return
    ref.current = next
    render()
  }, [])
  const latest = useRef(callbacks)
  latest.current = callbacks

  // A reloaded grid (the page revalidated) keeps what is typed on top of it. Merged while rendering, so no frame
  // shows the new rows with the old state.
  const loaded = useRef(grid)
  if (loaded.current !== grid) {
    loaded.current = grid
    ref.current = rebase(ref.current, grid)
  }

  const [flashed, setFlashed] = useState<ReadonlySet<string>>(new Set())
  const flashTimer = useRef<ReturnType<typeof setTimeout>>()
  const flash = useCallback((keys: string[]) => {
    if (keys.length === 0) return
    setFlashed((current) => new Set([...current, ...keys]))
    clearTimeout(flashTimer.current)
    flashTimer.current = setTimeout(() => setFlashed(new Set()), FLASH_MS)
  }, [])

  const merge = useCallback(
    (updates: CellUpdate[], highlight: boolean) => {
      const { state, changed } = applyUpdates(get(), updates)
      set(state)
      if (highlight) flash(changed)
    },
    [get, set, flash],
  )

  const subscribe = callbacks.subscribeUpdates
  useEffect(() => subscribe?.((updates) => merge(updates, true)), [subscribe, merge])

  const inFlight = useRef(new Set<EditableLine>())
  // Why the last save failed (what onSave threw), until a save succeeds.
  const [failure, setFailure] = useState<unknown>(null)
  const saveLine = useCallback(
    async (line: EditableLine) => {
      if (inFlight.current.has(line)) return
      const batch = takeBatch(get(), line)
      if (batch.cells.length === 0) return
      set(batch.state)
      inFlight.current.add(line)
      try {
        const result = await latest.current.onSave({ line, cells: batch.cells })
        set(applySaveResult(get(), batch.keys, result))
        setFailure(null)
      } catch (error) {
        // Kept and shown with a retry, and with the reason when onSave gives one.
        set(applySaveFailure(get(), batch.keys))
        setFailure(error ?? new Error('save failed'))
      } finally {
        inFlight.current.delete(line)
      }
      // What was typed while this save was on the way.
      if (hasSendable(get(), line)) void saveLine(line)
    },
    [get, set],
  )

  const timer = useRef<ReturnType<typeof setTimeout>>()
  const flush = useCallback(() => {
    clearTimeout(timer.current)
    for (const line of editableLines(get().grid)) void saveLine(line)
  }, [get, saveLine])

  /** Applies a change to the state; it is saved after a quiet moment, or at once (`now`) for pastes and fills. */
  const edit = useCallback(
    (change: (state: GridState) => GridState, now = false) => {
      set(change(get()))
      clearTimeout(timer.current)
      if (now) flush()
      else timer.current = setTimeout(flush, SAVE_DELAY_MS)
    },
    [get, set, flush],
  )

  const retry = useCallback(() => edit(retryFailed, true), [edit])

  // Leaving the page: what is still waiting goes now, and the browser asks before closing over unsaved work.
  useEffect(
    () => () => {
      clearTimeout(flashTimer.current)
      flush()
    },
    [flush],
  )
  const summary = editSummary(get())
  const unsaved = summary.unsaved + summary.saving + summary.conflicts + summary.invalid + summary.failed
  useEffect(() => {
    if (unsaved === 0) return
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [unsaved])

  return { state: get(), get, set, edit, merge, retry, flashed, failure, summary }
}

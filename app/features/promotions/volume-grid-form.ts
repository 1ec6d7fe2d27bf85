import type { CellConflict, CellEdit, VolumeLine } from './save-volumes.server.ts'
import { parseUnits } from './volumes-csv.ts'

/**
 * How the grid travels in a form, so it works with and without JavaScript: each editable cell posts what is in
 * it as `u.<productId>.<week>` and what it was typed over as `b.<productId>.<week>` = `<version>:<value>`. Only
 * cells whose text differs from their base count as changed, so a cell nobody touched is never sent as an edit
 * (and cannot be refused as stale or overwrite someone's newer figure).
 */

/** A cell someone changed on this page and has not saved yet: the text, and the saved cell it was typed over. */
export type PendingEdit = { value: string; baseVersion: number; baseValue: string }

export const typedName = (key: string) => `u.${key}`
export const baseName = (key: string) => `b.${key}`
export const baseFieldValue = (version: number, value: string) => `${version}:${value}`

/** A saved figure as the grid shows it: blank for no actual yet (and for a baseline never entered). */
export const cellText = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value)

export type GridFormRead = {
  cells: CellEdit[]
  /** Changed cells that are not whole numbers, by key: an i18n message. */
  invalid: Record<string, string>
  /** Every changed cell, as typed, to give back when it is not saved. */
  pending: Record<string, PendingEdit>
}

const keyPattern = /^([0-9a-f-]{36})\.(\d{4}-\d{2}-\d{2})$/

export function readGridForm(form: FormData, line: VolumeLine): GridFormRead {
  const out: GridFormRead = { cells: [], invalid: {}, pending: {} }
  for (const [name, raw] of form.entries()) {
    if (!name.startsWith('b.') || typeof raw !== 'string') continue
    const key = name.slice(2)
    const match = keyPattern.exec(key)
    const base = /^(\d{1,9}):(.*)$/.exec(raw)
    if (!match || !base) continue
    const baseVersion = Number(base[1])
    const baseValue = base[2]
    const typed = String(form.get(typedName(key)) ?? baseValue)
    if (typed.trim() === baseValue.trim()) continue
    out.pending[key] = { value: typed, baseVersion, baseValue }
    const units = parseUnits(typed)
    if (!units.ok) {
      out.invalid[key] = units.message
      continue
    }
    // A baseline left blank plans no units; a blank actual is "not known yet".
    const value = units.value === null && line === 'baseline' ? 0 : units.value
    out.cells.push({ promotionProductId: match[1], weekStart: match[2], value, baseVersion })
  }
  return out
}

/**
 * What the page keeps after a save: the cells that were not saved (not numbers, or changed meanwhile by someone
 * else), as typed. A refused cell is now based on the other person's figure, which the page shows beside it, so
 * saving again after reading it is a deliberate choice.
 */
export function unsavedEdits(read: GridFormRead, conflicts: CellConflict[]): Record<string, PendingEdit> {
  const kept: Record<string, PendingEdit> = {}
  for (const key of Object.keys(read.invalid)) kept[key] = read.pending[key]
  for (const c of conflicts) {
    const key = `${c.promotionProductId}.${c.weekStart}`
    const typed = read.pending[key]
    if (typed) kept[key] = { value: typed.value, baseVersion: c.version, baseValue: cellText(c.theirs) }
  }
  return kept
}

/**
 * A suggested weekly baseline as changes typed over the saved cells, every week of each product that has one:
 * the grid shows it as unsaved changes, and nothing is saved until the person saves.
 */
export function suggestionEdits(
  suggestion: { promotionProductId: string; weekly: number | null }[],
  weeks: string[],
  cells: Record<string, { baseline: number; version: number }>,
): Record<string, PendingEdit> {
  const edits: Record<string, PendingEdit> = {}
  for (const s of suggestion) {
    if (s.weekly === null) continue
    for (const week of weeks) {
      const key = `${s.promotionProductId}.${week}`
      const cell = cells[key]
      const baseValue = cell ? String(cell.baseline) : ''
      if (baseValue !== String(s.weekly))
        edits[key] = { value: String(s.weekly), baseVersion: cell?.version ?? 0, baseValue }
    }
  }
  return edits
}

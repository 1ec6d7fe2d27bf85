import { Form } from '@remix-run/react'
import { type ClipboardEvent, type KeyboardEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { isPastedBlock, parsePastedBlock, placeBlock } from '#app/features/promotions/grid-paste.ts'
import {
  baseFieldValue,
  baseName,
  cellText,
  type PendingEdit,
  typedName,
} from '#app/features/promotions/volume-grid-form.ts'
import { formatNumber } from '#app/lib/i18n/format-number.ts'

export type GridCell = { baseline: number; actual: number | null; version: number }
export type GridConflict = { theirs: number | null; by: string | null }
type Line = 'baseline' | 'actual'

const cellInput =
  'w-16 rounded border border-slate-300 px-1.5 py-1 text-end tabular-nums focus:outline-none focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:border-red-500'

/**
 * The weekly volume grid: a product per row group (its baseline line, and its actual line once there are actuals),
 * a Monday week per column. The `editable` line has inputs; arrow keys and Enter move between them, and a block
 * pasted from a spreadsheet fills the cells from the focused one. What was typed stays in `edits` until it is
 * saved; a cell someone else saved meanwhile shows their figure beside what this person typed.
 */
export function VolumeGrid({
  action,
  weeks,
  products,
  cells,
  editable,
  showActual,
  initialEdits,
  lastSave,
  conflicts,
  invalid,
}: {
  action: string
  weeks: string[]
  products: { id: string; sku: string; name: string }[]
  cells: Record<string, GridCell>
  editable: Line | null
  showActual: boolean
  initialEdits: Record<string, PendingEdit>
  /** The answer to the last save: its cells that were not saved replace what is pending, once. */
  lastSave: { nonce: string; pending: Record<string, PendingEdit> } | null
  conflicts: Record<string, GridConflict>
  invalid: Record<string, string>
}) {
  const { t, i18n } = useTranslation('volumes')
  const [edits, setEdits] = useState(initialEdits)
  // Applied while rendering, not in an effect, so the grid never shows a frame of stale edits. Reloads of the
  // saved figures (pushes from others) leave the edits alone.
  const [applied, setApplied] = useState(lastSave?.nonce ?? null)
  if (lastSave && lastSave.nonce !== applied) {
    setApplied(lastSave.nonce)
    setEdits(lastSave.pending)
  }
  const table = useRef<HTMLTableElement>(null)
  const keyAt = (row: number, column: number) => `${products[row]?.id}.${weeks[column]}`
  const saved = (key: string, line: Line) => {
    const cell = cells[key]
    return line === 'baseline' ? cellText(cell?.baseline) : cellText(cell?.actual)
  }
  const week = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    )

  function setValue(key: string, value: string) {
    setEdits((current) => {
      const line = editable as Line
      const base = current[key] ?? {
        value: '',
        baseVersion: cells[key]?.version ?? 0,
        baseValue: saved(key, line),
      }
      const next = { ...current }
      // Back to what it was typed over: no longer a change.
      if (value.trim() === base.baseValue.trim()) delete next[key]
      else next[key] = { ...base, value }
      return next
    })
  }

  function focusCell(row: number, column: number) {
    const input = table.current?.querySelector<HTMLInputElement>(`input[data-r="${row}"][data-c="${column}"]`)
    if (!input) return
    input.focus()
    input.select()
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const input = event.currentTarget
    const row = Number(input.dataset.r)
    const column = Number(input.dataset.c)
    const rtl = getComputedStyle(input).direction === 'rtl'
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0
    const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length
    const all = input.selectionStart === 0 && input.selectionEnd === input.value.length
    const step = (dr: number, dc: number) => {
      event.preventDefault()
      focusCell(row + dr, column + dc)
    }
    if (event.key === 'ArrowDown' || (event.key === 'Enter' && !event.shiftKey)) step(1, 0)
    else if (event.key === 'ArrowUp' || (event.key === 'Enter' && event.shiftKey)) step(-1, 0)
    // Left and right move the caret inside a cell first, then to the neighbour. Right to left, the columns run
    // the other way and Left moves the caret forward in the text.
    else if (event.key === 'ArrowRight' && (all || (rtl ? atStart : atEnd))) step(0, rtl ? -1 : 1)
    else if (event.key === 'ArrowLeft' && (all || (rtl ? atEnd : atStart))) step(0, rtl ? 1 : -1)
  }

  function onPaste(event: ClipboardEvent<HTMLInputElement>) {
    const text = event.clipboardData.getData('text/plain')
    if (!isPastedBlock(text)) return
    event.preventDefault()
    const at = { row: Number(event.currentTarget.dataset.r), column: Number(event.currentTarget.dataset.c) }
    const placed = placeBlock(parsePastedBlock(text), at, { rows: products.length, columns: weeks.length })
    for (const cell of placed) setValue(keyAt(cell.row, cell.column), cell.value)
  }

  const changed = Object.keys(edits).length
  const rows = (line: Line) => (line === 'baseline' ? t('grid.baseline') : t('grid.actual'))

  function renderLine(product: { id: string; sku: string; name: string }, row: number, line: Line) {
    const values = weeks.map((w) => {
      const key = `${product.id}.${w}`
      return editable === line ? (edits[key]?.value ?? saved(key, line)) : saved(key, line)
    })
    const total = values.reduce((sum, v) => sum + (/^\d+$/.test(v.trim()) ? Number(v) : 0), 0)
    return (
      <tr key={`${product.id}-${line}`} className={line === 'actual' ? 'bg-slate-50/60' : undefined}>
        <th scope="row" className="whitespace-nowrap px-3 py-1.5 text-start font-normal">
          {line === 'baseline' ? (
            <>
              <span className="font-medium text-slate-900">{product.sku}</span>{' '}
              <span className="text-slate-600">{product.name}</span>
              <span className="block text-xs text-slate-500">{rows(line)}</span>
            </>
          ) : (
            <span className="block text-xs text-slate-500">{rows(line)}</span>
          )}
        </th>
        {weeks.map((w, column) => {
          const key = `${product.id}.${w}`
          const label = t('grid.cellLabel', { line: rows(line), sku: product.sku, week: w })
          if (editable !== line) {
            return (
              <td key={w} className="px-2 py-1.5 text-end tabular-nums text-slate-700">
                {values[column] || '—'}
              </td>
            )
          }
          const edit = edits[key]
          const conflict = conflicts[key]
          // Someone saved this cell since it was typed over (pushed live, or found by a refused save).
          const theirs = !edit
            ? null
            : (cells[key]?.version ?? 0) !== edit.baseVersion
              ? saved(key, line)
              : conflict
                ? cellText(conflict.theirs)
                : null
          const error = invalid[key]
          const noteId = `${key}-note`
          return (
            <td key={w} className={`px-1.5 py-1 align-top ${edit ? 'bg-amber-50' : ''}`}>
              <input
                type="hidden"
                name={baseName(key)}
                value={baseFieldValue(
                  edit?.baseVersion ?? cells[key]?.version ?? 0,
                  edit?.baseValue ?? saved(key, line),
                )}
              />
              <input
                name={typedName(key)}
                value={values[column]}
                onChange={(e) => setValue(key, e.target.value)}
                onKeyDown={onKeyDown}
                onPaste={onPaste}
                inputMode="numeric"
                autoComplete="off"
                aria-label={label}
                aria-invalid={error ? true : undefined}
                aria-describedby={theirs !== null || error ? noteId : undefined}
                data-r={row}
                data-c={column}
                className={cellInput}
              />
              {theirs !== null || error ? (
                <p id={noteId} className="mt-0.5 max-w-24 text-xs leading-tight">
                  {error ? <span className="text-red-700">{t(error)}</span> : null}
                  {theirs !== null ? (
                    <span className="text-amber-800">
                      {conflict?.by && (cells[key]?.version ?? 0) === edit?.baseVersion
                        ? t('grid.theirsBy', { value: theirs || '—', name: conflict.by })
                        : t('grid.theirs', { value: theirs || '—' })}{' '}
                      <button
                        type="button"
                        className="underline"
                        onClick={() => setEdits(({ [key]: _, ...rest }) => rest)}
                      >
                        {t('grid.useTheirs')}
                      </button>
                    </span>
                  ) : null}
                </p>
              ) : null}
            </td>
          )
        })}
        <td className="px-3 py-1.5 text-end font-medium tabular-nums text-slate-900">
          {formatNumber(total, i18n.language)}
        </td>
      </tr>
    )
  }

  const grid = (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table ref={table} className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t('grid.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="px-3 py-2 text-start font-semibold text-slate-700">
              {t('grid.product')}
            </th>
            {weeks.map((w) => (
              <th key={w} scope="col" className="px-2 py-2 text-end font-semibold text-slate-700">
                <time dateTime={w} title={t('grid.weekOf', { week: w })}>
                  {week(w)}
                </time>
              </th>
            ))}
            <th scope="col" className="px-3 py-2 text-end font-semibold text-slate-700">
              {t('grid.total')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {products.flatMap((p, row) => [
            renderLine(p, row, 'baseline'),
            ...(showActual ? [renderLine(p, row, 'actual')] : []),
          ])}
        </tbody>
      </table>
    </div>
  )

  if (!editable) return grid
  return (
    <Form method="post" action={action}>
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="line" value={editable} />
      <p id="grid-help" className="mb-2 text-xs text-slate-600">
        {t('grid.help')}
      </p>
      {grid}
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <SubmitButton label={t('grid.save')} submittingLabel={t('grid.saving')} />
        {changed > 0 ? (
          <>
            <span role="status" className="text-sm text-slate-700">
              {t('grid.unsaved', { count: changed })}
            </span>
            <Button type="button" variant="ghost" onClick={() => setEdits({})}>
              {t('grid.discard')}
            </Button>
          </>
        ) : null}
      </div>
    </Form>
  )
}

import { type RefObject, useCallback, useEffect, useState } from 'react'
import { STICKY_W } from './grid-canvas.tsx'
import { COL_W, ROW_H } from './grid-cell.tsx'
import type { Position } from './grid-keys.ts'
import { rangeOf } from './grid-rows.ts'

/**
 * The selected cell and the block selected with Shift (anchor to active), clamped to the grid as it is now (a
 * reload can remove rows), and kept in view clear of the sticky header and columns.
 */
export function useGridSelection(
  size: { rows: number; cols: number },
  headerH: number,
  rtl: boolean,
  scrollRef: RefObject<HTMLDivElement>,
) {
  const [cursor, setCursor] = useState({ row: 0, col: 0, anchor: { row: 0, col: 0 } })
  const clamp = (p: Position) => ({
    row: Math.max(0, Math.min(p.row, size.rows - 1)),
    col: Math.max(0, Math.min(p.col, size.cols - 1)),
  })
  const active = clamp(cursor)
  const range = rangeOf(active, clamp(cursor.anchor))
  const moveTo = useCallback((to: Position, extend = false) => {
    setCursor((c) => ({ ...to, anchor: extend ? c.anchor : to }))
  }, [])

  useEffect(() => {
    const el = scrollRef.current
    if (!el) return
    const top = headerH + active.row * ROW_H
    if (top - headerH < el.scrollTop) el.scrollTop = top - headerH
    else if (top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_H - el.clientHeight
    // Right to left, scrollLeft runs from 0 down to minus the overflow.
    const start = STICKY_W + active.col * COL_W
    const x = Math.abs(el.scrollLeft)
    let next = x
    if (start - STICKY_W < x) next = start - STICKY_W
    else if (start + COL_W > x + el.clientWidth) next = start + COL_W - el.clientWidth
    if (next !== x) el.scrollLeft = rtl ? -next : next
  }, [active.row, active.col, headerH, rtl, scrollRef])

  return { active, range, moveTo }
}

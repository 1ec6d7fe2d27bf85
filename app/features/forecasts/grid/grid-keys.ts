/**
 * The grid's keyboard, as a spreadsheet's: what a key does on a selected cell and inside the cell editor. Right to
 * left, the weeks run the other way, so Left and Right swap. Pure, so the map is unit-tested.
 */

export type KeyLike = { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }
export type Position = { row: number; col: number }

export type GridKeyAction =
  | { type: 'move'; rows: number; cols: number; extend: boolean }
  | { type: 'page'; rows: 1 | -1; extend: boolean }
  | { type: 'jump'; to: 'rowStart' | 'rowEnd' | 'gridStart' | 'gridEnd'; extend: boolean }
  /** Tab and Shift+Tab: next or previous week; past the last one, focus leaves the grid as usual. */
  | { type: 'tab'; cols: 1 | -1 }
  /** Start editing: with the key typed (replacing the figure), empty (Backspace), or the figure kept (F2). */
  | { type: 'edit'; text: string | null }
  | { type: 'clear' }
  | { type: 'fillRight' }
  | { type: 'collapse' }

const arrows: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
}

export function gridKeyAction(e: KeyLike, rtl: boolean): GridKeyAction | null {
  const command = e.ctrlKey || e.metaKey
  const arrow = arrows[e.key]
  if (arrow) {
    const cols = rtl ? -arrow[1] : arrow[1]
    if (command) {
      if (cols !== 0) return { type: 'jump', to: cols > 0 ? 'rowEnd' : 'rowStart', extend: e.shiftKey }
      return null
    }
    return { type: 'move', rows: arrow[0], cols, extend: e.shiftKey }
  }
  switch (e.key) {
    case 'Enter':
      return { type: 'move', rows: e.shiftKey ? -1 : 1, cols: 0, extend: false }
    case 'Tab':
      return command || e.altKey ? null : { type: 'tab', cols: e.shiftKey ? -1 : 1 }
    case 'Home':
      return { type: 'jump', to: command ? 'gridStart' : 'rowStart', extend: e.shiftKey }
    case 'End':
      return { type: 'jump', to: command ? 'gridEnd' : 'rowEnd', extend: e.shiftKey }
    case 'PageDown':
      return { type: 'page', rows: 1, extend: e.shiftKey }
    case 'PageUp':
      return { type: 'page', rows: -1, extend: e.shiftKey }
    case 'F2':
      return { type: 'edit', text: null }
    case 'Backspace':
      return command ? null : { type: 'edit', text: '' }
    case 'Delete':
      return { type: 'clear' }
    case 'Escape':
      return { type: 'collapse' }
  }
  if (command && !e.altKey && e.key.toLowerCase() === 'r') return { type: 'fillRight' }
  // A printable character starts editing with it, as in a spreadsheet.
  if (e.key.length === 1 && !command && !e.altKey && e.key !== ' ') return { type: 'edit', text: e.key }
  return null
}

/** Where a move lands (clamped to the grid); null for a Tab past either end. */
export function landing(
  at: Position,
  action: GridKeyAction,
  size: { rows: number; cols: number; page: number },
): Position | null {
  const clamp = (p: Position) => ({
    row: Math.max(0, Math.min(size.rows - 1, p.row)),
    col: Math.max(0, Math.min(size.cols - 1, p.col)),
  })
  switch (action.type) {
    case 'move':
      return clamp({ row: at.row + action.rows, col: at.col + action.cols })
    case 'page':
      return clamp({ row: at.row + action.rows * size.page, col: at.col })
    case 'tab': {
      const col = at.col + action.cols
      return col < 0 || col >= size.cols ? null : { row: at.row, col }
    }
    case 'jump':
      if (action.to === 'rowStart') return { row: at.row, col: 0 }
      if (action.to === 'rowEnd') return { row: at.row, col: size.cols - 1 }
      if (action.to === 'gridStart') return { row: 0, col: 0 }
      return { row: size.rows - 1, col: size.cols - 1 }
    default:
      return null
  }
}

export type EditorKeyAction =
  | { type: 'commit'; rows: number; cols: number }
  | { type: 'cancel' }
  /** Ctrl+R while typing: keep what is typed, then fill right from it (and never reload the page). */
  | { type: 'fillRight' }

/**
 * Inside the cell editor: Enter and Tab commit and move; Escape cancels. Arrows commit and move when editing began
 * by typing over the cell; after F2 or a double click they move the caret in the text instead.
 */
export function editorKeyAction(e: KeyLike, caretMode: boolean, rtl: boolean): EditorKeyAction | null {
  if (e.key === 'Escape') return { type: 'cancel' }
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'r') return { type: 'fillRight' }
  if (e.key === 'Enter') return { type: 'commit', rows: e.shiftKey ? -1 : 1, cols: 0 }
  if (e.key === 'Tab') return { type: 'commit', rows: 0, cols: e.shiftKey ? -1 : 1 }
  const arrow = arrows[e.key]
  if (!arrow || caretMode || e.shiftKey) return null
  return { type: 'commit', rows: arrow[0], cols: rtl ? -arrow[1] : arrow[1] }
}

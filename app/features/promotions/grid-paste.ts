/**
 * Pasting a block copied from a spreadsheet into the volume grid (client-side): rows are lines, cells are
 * separated by tabs. Pure, so the rules are unit-tested without a browser.
 */

/** The block's cells; the line break spreadsheets put after the last row is not an empty row. */
export function parsePastedBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')
  return lines.map((line) => line.split('\t').map((cell) => cell.trim()))
}

/** Whether a paste holds more than one cell (a single value is pasted into the input as usual). */
export function isPastedBlock(text: string): boolean {
  return /[\t\n]/.test(text.replace(/\r?\n$/, ''))
}

/**
 * The cells a block fills when pasted at (row, column) of a grid of `rows` × `columns`: what falls outside the
 * grid is dropped. Thousands separators are taken out ("1,200" → "1200"); anything else is kept as typed, so the
 * grid shows it and the save explains what is wrong with it.
 */
export function placeBlock(
  block: string[][],
  at: { row: number; column: number },
  size: { rows: number; columns: number },
): { row: number; column: number; value: string }[] {
  const out: { row: number; column: number; value: string }[] = []
  block.forEach((cells, i) => {
    const row = at.row + i
    if (row >= size.rows) return
    cells.forEach((value, j) => {
      const column = at.column + j
      if (column >= size.columns) return
      out.push({
        row,
        column,
        value: /^\d{1,3}([,\u066c\u00a0 ]\d{3})+$/.test(value) ? value.replace(/\D/g, '') : value,
      })
    })
  })
  return out
}

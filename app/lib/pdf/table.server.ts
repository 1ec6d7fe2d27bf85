import {
  type Align,
  fitLine,
  fitStyle,
  layoutText,
  lineHeightOf,
  type TextLine,
  type TextStyle,
  textWidth,
} from './bidi-text.server.ts'
import { colors, type PdfFrame, styles } from './page-frame.server.ts'

/**
 * A table that flows over pages: rows never split, the header row is repeated at the top of each page, and
 * columns are laid out from the start edge (so they appear in reverse order in a right-to-left document).
 */

/** One stacked piece of a cell, e.g. a description and, under it, the SKU in small type. */
export type CellPart = { text: string; style?: TextStyle }
export type Cell = string | CellPart[]

export type Column<Row> = {
  header: string
  /** Points, or `'fill'`: the fill columns share the remaining width equally. */
  width: number | 'fill'
  align?: Align
  /** Shrink the type rather than wrap (amounts, dates). */
  nowrap?: boolean
  cell: (row: Row) => Cell
}

export type TableOptions<Row> = {
  /** Style of a whole row (e.g. greyed-out optional lines). */
  rowStyle?: (row: Row) => TextStyle | undefined
  /** Light bands on every other row, which helps read long statements. */
  zebra?: boolean
}

const padX = 4
const headerMinScale = 0.8
const padY = 3.5

type Placed<Row> = Column<Row> & { offset: number; size: number }

/** Header words are never cut: a fixed column widens to its longest header word (say, Persian ردیف for "#"). */
function headerMinimum(frame: PdfFrame, header: string): number {
  const style = { ...styles.label, size: styles.label.size * headerMinScale }
  const longest = Math.max(0, ...header.split(/\s+/).map((word) => textWidth(frame.doc, word, style)))
  return Math.ceil(longest) + 2 * padX
}

function place<Row>(frame: PdfFrame, columns: Column<Row>[]): Placed<Row>[] {
  const widths = columns.map((c) =>
    c.width === 'fill' ? 0 : Math.max(c.width, headerMinimum(frame, c.header)),
  )
  const fixed = widths.reduce((sum, width) => sum + width, 0)
  const fills = columns.filter((c) => c.width === 'fill').length
  let offset = 0
  return columns.map((column, i) => {
    const size = column.width === 'fill' ? Math.max((frame.width - fixed) / fills, 30) : widths[i]
    const placed = { ...column, offset, size }
    offset += size
    return placed
  })
}

type LaidCell = { parts: { lines: TextLine[]; style: TextStyle }[]; height: number }

function layCell(frame: PdfFrame, cell: Cell, width: number, base: TextStyle, nowrap = false): LaidCell {
  const parts = (typeof cell === 'string' ? [{ text: cell }] : cell)
    .filter((part) => part.text !== '')
    .map((part) => {
      const style = part.style ?? base
      if (nowrap) return fitLine(frame.doc, part.text, style, width, frame.direction, 0.65)
      return { lines: layoutText(frame.doc, part.text, style, width, frame.direction), style }
    })
  const height = parts.reduce((sum, part) => sum + part.lines.length * lineHeightOf(part.style), 0)
  return { parts, height }
}

function layHeader<Row>(frame: PdfFrame, columns: Placed<Row>[]): { cells: LaidCell[]; height: number } {
  // Headers shrink a little before they wrap ("Tax %" should not leave "%" alone on a second line).
  const cells = columns.map((column) => {
    const width = column.size - 2 * padX
    return layCell(
      frame,
      column.header,
      width,
      fitStyle(frame.doc, column.header, styles.label, width, headerMinScale),
    )
  })
  return { cells, height: Math.max(...cells.map((cell) => cell.height)) + 2 * padY }
}

function drawCells<Row>(frame: PdfFrame, columns: Placed<Row>[], cells: LaidCell[]): void {
  columns.forEach((column, i) => {
    let y = frame.y + padY
    for (const part of cells[i].parts) {
      y += frame.lines(part.lines, part.style, {
        offset: column.offset + padX,
        width: column.size - 2 * padX,
        y,
        align: column.align,
      })
    }
  })
}

function drawHeader<Row>(
  frame: PdfFrame,
  columns: Placed<Row>[],
  header: { cells: LaidCell[]; height: number },
) {
  frame.band(frame.y, header.height)
  drawCells(frame, columns, header.cells)
  frame.y += header.height
}

export function drawTable<Row>(
  frame: PdfFrame,
  columns: Column<Row>[],
  rows: Iterable<Row>,
  options: TableOptions<Row> = {},
): void {
  const placed = place(frame, columns)
  const header = layHeader(frame, placed)
  // Keep the header with at least one row.
  frame.ensure(header.height + lineHeightOf(styles.body) + 2 * padY)
  drawHeader(frame, placed, header)
  let index = 0
  for (const row of rows) {
    const base = options.rowStyle?.(row) ?? styles.body
    const cells = placed.map((column) =>
      layCell(frame, column.cell(row), column.size - 2 * padX, base, column.nowrap),
    )
    const height = Math.max(...cells.map((cell) => cell.height)) + 2 * padY
    if (frame.ensure(height)) drawHeader(frame, placed, header)
    if (options.zebra && index % 2 === 1) frame.band(frame.y, height, colors.zebra)
    drawCells(frame, placed, cells)
    frame.y += height
    frame.rule(frame.y, colors.band)
    index++
  }
}

import os from 'node:os'

/** Number formatting and a plain-text table for the bench reports; 'n/a' stands in for a missing figure. */
export const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a')

/** Rows padded to column width; the first `left` columns align left, the rest (figures) right. */
export function table(header: string[], rows: string[][], left = 1) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < left ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)]
}

/** The machine's load averages (1, 5, 15 min) as printed beside every figure: the benches share the CPUs. */
export const loadAverage = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')

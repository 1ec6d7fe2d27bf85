import os from 'node:os'
import type { ChromiumPeak } from './pdf-chromium-memory.ts'
import { fmt, loadAverage, table } from './table.ts'

type Timing = {
  median: number
  p95: number
  runs: number
  docsPerSecond: number
  pages: number
  bytes: number
}
export type RendererResult = Timing & {
  memory: { rssIncrease: number; heapIncrease: number; peakRss: number }
}
export type ChromiumResult = Timing & { memory: ChromiumPeak }
export type CaseResult = { name: string; pdfkit: RendererResult; chromium: ChromiumResult }

const mb = (bytes: number) => fmt(bytes / 1024 / 1024, 1)

/** Prints the figures and whether the goals are met; figures, not pass/fail. */
export function printPdfReport(results: CaseResult[]) {
  const header = [
    'document',
    'renderer',
    'pages',
    'KB',
    'median ms',
    'p95 ms',
    'docs/s (2 conc.)',
    'peak memory MB',
  ]
  const rows = results.flatMap((r) => [
    [
      r.name,
      'pdfkit',
      String(r.pdfkit.pages),
      fmt(r.pdfkit.bytes / 1024),
      fmt(r.pdfkit.median, 1),
      fmt(r.pdfkit.p95, 1),
      fmt(r.pdfkit.docsPerSecond, 2),
      `+${mb(r.pdfkit.memory.rssIncrease)} RSS (heap +${mb(r.pdfkit.memory.heapIncrease)}, process ${mb(r.pdfkit.memory.peakRss)})`,
    ],
    [
      '',
      'Chromium page.pdf()',
      String(r.chromium.pages),
      fmt(r.chromium.bytes / 1024),
      fmt(r.chromium.median, 1),
      fmt(r.chromium.p95, 1),
      fmt(r.chromium.docsPerSecond, 2),
      `${mb(r.chromium.memory.rss)} RSS (PSS ${mb(r.chromium.memory.pss)}, ${r.chromium.memory.processes} processes)`,
    ],
  ])
  const verdicts = results.flatMap((r) => {
    const speed = r.pdfkit.docsPerSecond / r.chromium.docsPerSecond
    const memory = r.pdfkit.memory.rssIncrease / r.chromium.memory.rss
    const memoryWhole = r.pdfkit.memory.peakRss / r.chromium.memory.pss
    return [
      `${r.name}:`,
      `  throughput pdfkit / Chromium:  ${fmt(speed, 1)}×   goal ≥ 20×: ${speed >= 20 ? 'met' : 'NOT met'}`,
      `  memory pdfkit growth / Chromium RSS:  ${fmt(memory, 3)}   goal ≤ 0.33: ${memory <= 1 / 3 ? 'met' : 'NOT met'}` +
        `   (whole pdfkit process / Chromium PSS: ${fmt(memoryWhole, 2)})`,
    ]
  })
  const load = loadAverage()
  const out = [
    '',
    'PDF rendering: pdfkit (app/lib/pdf) vs Chromium page.pdf() on the same content, A4',
    `machine: ${os.cpus().length} CPUs, load average ${load} (the bench shares the machine with everything else)`,
    'median/p95: one document at a time; docs/s: 2 requests in flight (pdfkit: one Node process; Chromium: 2 warm pages)',
    '',
    ...table(header, rows, 2),
    '',
    ...verdicts,
    '',
  ]
  process.stdout.write(out.join('\n'))
}

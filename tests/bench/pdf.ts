/**
 * npm run bench:pdf — the pdfkit renderers (app/lib/pdf) against Chromium's page.pdf() printing the same
 * content from HTML (tests/bench/pdf-html.ts), in one run: a one-page invoice of 20 lines and a statement of about
 * 50 pages. For each: ms per document one at a time (median, p95), documents per second with 2 concurrent
 * requests, and peak memory (pdfkit: growth of a fresh Node process while rendering; Chromium: RSS of the browser's
 * processes). Goal: at least 20× Chromium's throughput and a third of its memory.
 * Env: BENCH_PDF_SECONDS (throughput window per case and renderer, default 4), BENCH_PDF_ROWS (statement rows,
 * default 1800 ≈ 50 pages).
 */
import { spawn, spawnSync } from 'node:child_process'
import { chromium, type Page } from '@playwright/test'
import { pdfToBuffer } from '#app/lib/pdf/pdf-buffer.server.ts'
import { renderDocumentPdf } from '#app/lib/pdf/render-document.server.ts'
import { renderStatementPdf } from '#app/lib/pdf/render-statement.server.ts'
import { englishInvoice, statement } from '#tests/support/pdf/fixtures.ts'
import { ChromiumMemory } from './pdf-chromium-memory.ts'
import { documentHtml, statementHtml } from './pdf-html.ts'
import { type CaseResult, printPdfReport, type RendererResult } from './pdf-report.ts'
import { latency } from './timing.ts'

const seconds = Number(process.env.BENCH_PDF_SECONDS ?? 4)
const statementRows = Number(process.env.BENCH_PDF_ROWS ?? 1800)
const t0 = Date.now()
const log = (message: string) =>
  process.stderr.write(`[bench:pdf] ${((Date.now() - t0) / 1000).toFixed(0).padStart(3)} s  ${message}\n`)

type Render = () => Promise<Buffer>

/** Two requests in flight at all times for the window (and at least `minDocs` documents): documents per second. */
async function throughput(render: Render, minDocs: number) {
  const started = performance.now()
  let done = 0
  const worker = async () => {
    while (done < minDocs || performance.now() - started < seconds * 1000) {
      await render()
      done++
    }
  }
  await Promise.all([worker(), worker()])
  return done / ((performance.now() - started) / 1000)
}

function pageCount(pdf: Buffer): number {
  const result = spawnSync('pdfinfo', ['-'], { input: pdf })
  const match = /Pages:\s+(\d+)/.exec(result.stdout?.toString() ?? '')
  if (!match) throw new Error(`pdfinfo could not read the PDF: ${result.stderr?.toString() ?? result.error}`)
  return Number(match[1])
}

/** pdfkit's memory is measured in a fresh child process so nothing else in this one blurs the figure. */
function pdfkitMemory(kind: 'invoice' | 'statement', count: number) {
  return new Promise<{ rssIncrease: number; heapIncrease: number; peakRss: number }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--expose-gc',
        'tests/bench/pdf-memory.ts',
        kind,
        String(count),
        String(statementRows),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`pdf-memory exited ${code}`)),
    )
  })
}

async function main() {
  const started = Date.now()
  const invoice = englishInvoice(20)
  const longStatement = statement(statementRows)
  const cases = [
    {
      name: 'invoice, 20 lines',
      runs: { pdfkit: 100, chromium: 20 },
      minDocs: { pdfkit: 50, chromium: 10 },
      memoryDocs: 100,
      kind: 'invoice' as const,
      pdfkit: async () => pdfToBuffer(await renderDocumentPdf(invoice)),
      html: () => documentHtml(invoice),
    },
    {
      name: `statement, ${statementRows} rows`,
      runs: { pdfkit: 8, chromium: 3 },
      minDocs: { pdfkit: 6, chromium: 4 },
      memoryDocs: 6,
      kind: 'statement' as const,
      pdfkit: async () => pdfToBuffer(await renderStatementPdf(longStatement)),
      html: () => statementHtml(longStatement),
    },
  ]

  const pdfkit: RendererResult[] = []
  for (const c of cases) {
    log(`pdfkit: ${c.name}`)
    const sample = await c.pdfkit()
    await c.pdfkit()
    const lat = await latency(c.pdfkit, c.runs.pdfkit)
    const docsPerSecond = await throughput(c.pdfkit, c.minDocs.pdfkit)
    const memory = await pdfkitMemory(c.kind, c.memoryDocs)
    pdfkit.push({ ...lat, docsPerSecond, pages: pageCount(sample), bytes: sample.length, memory })
  }

  log('launching Chromium')
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  const results: CaseResult[] = []
  try {
    const pages = [await browser.newPage(), await browser.newPage()]
    for (const [i, c] of cases.entries()) {
      log(`chromium: ${c.name}`)
      const { html, footer } = await c.html()
      // Each of the two warm pages serves one request at a time, like a pool of two.
      const free = [...pages]
      const print = async (page: Page) => {
        await page.setContent(html, { waitUntil: 'load' })
        return page.pdf({
          format: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: footer,
          // 42 pt and 60 pt, as in the pdfkit layout.
          margin: { top: '14.8mm', bottom: '21.2mm', left: '14.8mm', right: '14.8mm' },
        })
      }
      const render: Render = async () => {
        const page = free.pop()
        if (!page) throw new Error('no free page')
        try {
          return await print(page)
        } finally {
          free.push(page)
        }
      }
      const memory = new ChromiumMemory()
      memory.start()
      let sample: Buffer
      let lat: Awaited<ReturnType<typeof latency>>
      let docsPerSecond: number
      try {
        sample = await render()
        await render()
        lat = await latency(render, c.runs.chromium)
        docsPerSecond = await throughput(render, c.minDocs.chromium)
      } finally {
        memory.stop()
      }
      const peak = memory.peak
      results.push({
        name: c.name,
        pdfkit: pdfkit[i],
        chromium: { ...lat, docsPerSecond, pages: pageCount(sample), bytes: sample.length, memory: peak },
      })
    }
  } finally {
    await browser.close()
  }

  printPdfReport(results)
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
}

main().catch((error) => {
  process.stderr.write(`bench:pdf failed: ${error?.stack ?? error}\n`)
  process.exitCode = 1
})

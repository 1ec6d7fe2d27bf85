/**
 * Child process of the PDF bench: renders one kind of document with pdfkit, two at a time, and prints as JSON how
 * much this process grew while doing it: peak RSS (the kernel's high-water mark) over the RSS before the first
 * render, and the largest heap + external memory seen right after a render (the finished file is still in memory
 * then). A fresh process, so fonts parsed on the first render count too.
 * Usage: node --import tsx --expose-gc tests/bench/pdf-memory.ts invoice|statement <count> <statement rows>
 */

import { pdfToBuffer } from '#app/lib/pdf/pdf-buffer.server.ts'
import { renderDocumentPdf } from '#app/lib/pdf/render-document.server.ts'
import { renderStatementPdf } from '#app/lib/pdf/render-statement.server.ts'
import { englishInvoice, statement } from '#tests/support/pdf/fixtures.ts'

const [kind, countArg, rowsArg] = process.argv.slice(2)
const count = Number(countArg ?? 10)
const invoice = englishInvoice(20)
const longStatement = statement(Number(rowsArg ?? 1800))
const render = () => (kind === 'statement' ? renderStatementPdf(longStatement) : renderDocumentPdf(invoice))

const used = () => {
  const m = process.memoryUsage()
  return m.heapUsed + m.external
}
globalThis.gc?.()
const before = process.memoryUsage().rss
const usedBefore = used()
let usedPeak = usedBefore
let started = 0
async function worker() {
  while (started < count) {
    started++
    const doc = await render()
    usedPeak = Math.max(usedPeak, used())
    await pdfToBuffer(doc)
  }
}
await Promise.all([worker(), worker()])
const peakRss = process.resourceUsage().maxRSS * 1024
process.stdout.write(
  JSON.stringify({
    rssBefore: before,
    peakRss,
    rssIncrease: peakRss - before,
    heapIncrease: usedPeak - usedBefore,
  }),
)

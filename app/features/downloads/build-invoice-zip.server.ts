import { Readable } from 'node:stream'
import { eq } from 'drizzle-orm'
import yazl from 'yazl'
import { todayIn } from '#app/lib/dates.ts'
import { AppError } from '#app/lib/errors.ts'
import { pdfToBuffer } from '#app/lib/pdf/pdf-buffer.server.ts'
import { renderDocumentPdf } from '#app/lib/pdf/render-document.server.ts'
import { getStorage, newObjectKey } from '#app/lib/storage/index.server.ts'
import { downloads } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { invoicePdfData } from '../invoices/invoice-pdf-data.server.ts'
import { runAsMember } from '../run-as-member.server.ts'

const setProgress = (id: string, values: Partial<typeof downloads.$inferInsert>) =>
  asSystem((tx) => tx.update(downloads).set(values).where(eq(downloads.id, id)))

/**
 * The job behind a bulk download: renders each invoice's PDF with the requester's current rights (an invoice they
 * can no longer see fails the download rather than leaking), reports progress after every file, and stores the ZIP.
 */
export async function buildInvoiceZip(downloadId: string) {
  const [download] = await asSystem((tx) => tx.select().from(downloads).where(eq(downloads.id, downloadId)))
  if (!download || download.status === 'ready') return
  await setProgress(download.id, { status: 'running', done: 0, error: null })
  try {
    const zip = new yazl.ZipFile()
    const bytes = collect(zip)
    const names = new Set<string>()
    for (const [index, invoiceId] of download.recordIds.entries()) {
      const result = await runAsMember(
        { orgId: download.orgId, userId: download.requestedById },
        async (ctx, who) =>
          invoicePdfData(ctx, invoiceId, { locale: who.locale, today: todayIn(who.timeZone) }),
      )
      if (!result.ok)
        throw new AppError('forbidden', 'The person who asked for this download is no longer a member')
      const pdf = await pdfToBuffer(await renderDocumentPdf(result.value))
      zip.addBuffer(
        pdf,
        uniqueName(names, `${result.value.number ?? `draft-${invoiceId.slice(0, 8)}`}.pdf`),
        {
          mtime: new Date(),
        },
      )
      await setProgress(download.id, { done: index + 1 })
    }
    zip.end()
    const file = await bytes
    const storageKey = newObjectKey('downloads')
    await getStorage().put(storageKey, Readable.from([file]), { contentType: 'application/zip' })
    await setProgress(download.id, {
      status: 'ready',
      byteSize: file.length,
      storageKey,
      completedAt: new Date(),
    })
  } catch (error) {
    const message = error instanceof AppError || error instanceof Error ? error.message : String(error)
    await setProgress(download.id, { status: 'failed', error: message.slice(0, 500) })
    throw error
  }
}

function collect(zip: yazl.ZipFile): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c))
    zip.outputStream.once('end', () => resolve(Buffer.concat(chunks)))
    zip.outputStream.once('error', reject)
  })
}

function uniqueName(taken: Set<string>, name: string) {
  let candidate = name.replace(/[^\p{L}\p{N}._-]+/gu, '_')
  for (let i = 2; taken.has(candidate); i++) candidate = name.replace(/\.pdf$/, `-${i}.pdf`)
  taken.add(candidate)
  return candidate
}

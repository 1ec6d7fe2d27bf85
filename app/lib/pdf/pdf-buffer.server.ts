/**
 * Collects a rendered (already ended) PDF into one Buffer, for tests, benchmarks and attachments. For HTTP, stream
 * the document instead: `new Response(Readable.toWeb(doc) as ReadableStream, { headers: … })`.
 */
export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.once('end', () => resolve(Buffer.concat(chunks)))
    doc.once('error', reject)
  })
}

import { execFile } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { promisify } from 'node:util'
import { eq } from 'drizzle-orm'
import { getStorage, newObjectKey } from '#app/lib/storage/index.server.ts'
import { documentVersions } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'

const run = promisify(execFile)

/**
 * Page 1 of a stored PDF as a PNG (poppler's pdftoppm, 800 px wide): 'missing' when the object is gone, null when
 * pdftoppm is not on the machine or the PDF is damaged (no preview, and no point retrying).
 */
export async function renderPdfFirstPage(storageKey: string): Promise<Buffer | 'missing' | null> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-preview-'))
  try {
    const object = await getStorage().get(storageKey)
    if (!object) return 'missing'
    const source = path.join(dir, 'source.pdf')
    await pipeline(object.body, createWriteStream(source))
    try {
      await run(
        'pdftoppm',
        ['-png', '-f', '1', '-l', '1', '-scale-to', '800', '-singlefile', source, path.join(dir, 'page')],
        {
          timeout: 60_000,
        },
      )
    } catch {
      return null
    }
    return await readFile(path.join(dir, 'page.png'))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * The job that renders page 1 of an uploaded PDF to a PNG. Without pdftoppm on the machine the version is marked
 * "failed" and the page offers the download instead of a preview.
 */
export async function makePdfPreview(versionId: string) {
  const [version] = await asSystem((tx) =>
    tx.select().from(documentVersions).where(eq(documentVersions.id, versionId)),
  )
  if (version?.previewStatus !== 'pending') return
  const setStatus = (values: Partial<typeof documentVersions.$inferInsert>) =>
    asSystem((tx) => tx.update(documentVersions).set(values).where(eq(documentVersions.id, versionId)))
  const png = await renderPdfFirstPage(version.storageKey)
  if (png === 'missing' || png === null) return await setStatus({ previewStatus: 'failed' })
  const previewKey = newObjectKey('previews')
  await getStorage().put(previewKey, Readable.from([png]), { contentType: 'image/png' })
  await setStatus({ previewStatus: 'ready', previewKey })
}

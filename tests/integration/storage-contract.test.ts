import crypto from 'node:crypto'
import path from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { newObjectKey } from '#app/lib/storage/keys.ts'
import { localStorage } from '#app/lib/storage/local.server.ts'
import { s3Storage } from '#app/lib/storage/s3.server.ts'
import { type Storage, TooLargeError } from '#app/lib/storage/types.ts'
import { type Harness, startHarness } from './harness.ts'
import { type S3Server, startS3Server } from './s3-server.ts'

// One contract, two drivers: the local folder (the embedded default) and S3 through @aws-sdk/client-s3 against a
// real S3-protocol server on loopback. Local signed links are served by the built app's /storage route.

const MB = 1024 * 1024
let s3: S3Server
let h: Harness
let localRoot: string
const drivers: Record<'local' | 's3', () => Storage> = {
  local: () => localStorage(localRoot),
  s3: () =>
    s3Storage({
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
      checksums: 'when_required',
      partSizeBytes: 5 * MB,
      queueSize: 2,
    }),
}

beforeAll(async () => {
  // The harness's app serves local links from DATA_DIR/storage, so the local driver writes there too.
  h = await startHarness()
  const { getConfig } = await import('#config/env.ts')
  localRoot = path.resolve(getConfig().DATA_DIR, 'storage')
  s3 = await startS3Server()
})

afterAll(async () => {
  await s3?.close()
  await h?.close()
})

/** `size` pseudo-random bytes, produced in 1 MB chunks (never one big buffer). */
function bytes(size: number, seed = 1) {
  const hash = crypto.createHash('sha256')
  let left = size
  let n = seed
  const stream = new Readable({
    read() {
      if (left === 0) return this.push(null)
      const chunk = crypto.createHash('sha512').update(String(n++)).digest()
      const block = Buffer.alloc(Math.min(MB, left), chunk)
      left -= block.length
      hash.update(block)
      this.push(block)
    },
  })
  return { stream, sha256: () => hash.digest('hex') }
}

async function sha256Of(body: Readable | ReadableStream | null) {
  const hash = crypto.createHash('sha256')
  const source =
    body instanceof Readable ? body : Readable.fromWeb(body as import('node:stream/web').ReadableStream)
  for await (const chunk of source) hash.update(chunk)
  return hash.digest('hex')
}

describe.each(['local', 's3'] as const)('%s driver', (kind) => {
  const storage = () => drivers[kind]()

  test('put, head, get and delete round-trip the bytes', async () => {
    const key = newObjectKey('documents')
    const data = bytes(300_000)
    const { byteSize } = await storage().put(key, data.stream, { contentType: 'application/pdf' })
    expect(byteSize).toBe(300_000)
    expect(await storage().head(key)).toEqual({ byteSize: 300_000, contentType: 'application/pdf' })
    const object = await storage().get(key)
    expect(await sha256Of(object?.body ?? null)).toBe(data.sha256())
    await storage().delete(key)
    expect(await storage().head(key)).toBeNull()
    expect(await storage().get(key)).toBeNull()
  })

  test('a multipart-sized stream arrives whole', async () => {
    const key = newObjectKey('documents')
    const data = bytes(12 * MB + 123, 7)
    const progress: number[] = []
    const { byteSize } = await storage().put(key, data.stream, {
      contentType: 'application/zip',
      onProgress: (n) => progress.push(n),
    })
    expect(byteSize).toBe(12 * MB + 123)
    expect(progress.at(-1)).toBe(12 * MB + 123)
    expect(await sha256Of((await storage().get(key))?.body ?? null)).toBe(data.sha256())
  })

  test('past maxBytes the upload stops with TooLargeError and leaves nothing behind', async () => {
    const key = newObjectKey('documents')
    await expect(
      storage().put(key, bytes(7 * MB).stream, { contentType: 'application/pdf', maxBytes: 6 * MB }),
    ).rejects.toBeInstanceOf(TooLargeError)
    expect(await storage().head(key)).toBeNull()
  })

  test('a signed URL downloads as an attachment with the given name, and expires', async () => {
    const key = newObjectKey('documents')
    const data = bytes(50_000, 3)
    await storage().put(key, data.stream, { contentType: 'application/pdf' })
    const url = await storage().signedUrl(key, {
      fileName: 'Résumé 2026.pdf',
      contentType: 'application/pdf',
      expiresIn: 1,
    })
    const absolute = new URL(url, h.origin)
    const response = await fetch(absolute)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    const disposition = response.headers.get('content-disposition') ?? ''
    expect(disposition).toMatch(/^attachment;/)
    expect(disposition).toContain(`filename*=UTF-8''R%C3%A9sum%C3%A9%202026.pdf`)
    expect(await sha256Of(response.body)).toBe(data.sha256())
    // The key is random: nothing of the file name is in the URL's path.
    expect(absolute.pathname).not.toMatch(/sum/i)
    await new Promise((r) => setTimeout(r, 2100))
    expect((await fetch(absolute)).status).toBe(403)
  })

  test('keys the app did not make are refused', async () => {
    for (const bad of ['../etc/passwd', '/abs', 'a/../../b', 'a b', '']) {
      await expect(storage().head(bad)).rejects.toThrow(/unsafe storage key/)
    }
  })
})

describe('local signed links', () => {
  test('a tampered token is refused', async () => {
    const storage = drivers.local()
    const key = newObjectKey('documents')
    await storage.put(key, Readable.from([Buffer.from('secret')]), { contentType: 'text/plain' })
    const url = await storage.signedUrl(key, { fileName: 'a.txt', contentType: 'text/plain' })
    const [payload, signature] = url.replace('/storage/', '').split('.')
    const grant = JSON.parse(Buffer.from(payload, 'base64url').toString())
    const forged = Buffer.from(JSON.stringify({ ...grant, key: newObjectKey('documents') })).toString(
      'base64url',
    )
    expect((await fetch(new URL(`/storage/${forged}.${signature}`, h.origin))).status).toBe(403)
    expect((await fetch(new URL(url, h.origin))).status).toBe(200)
  })
})

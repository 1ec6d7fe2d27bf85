import type { Readable } from 'node:stream'
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  S3Client,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { countingStream, toReadable } from './counting.server.ts'
import { dispositionFor } from './disposition.ts'
import { assertSafeKey } from './keys.ts'
import type { Storage } from './types.ts'

export type S3Options = {
  bucket: string
  endpoint?: string
  region: string
  accessKeyId?: string
  secretAccessKey?: string
  forcePathStyle: boolean
  checksums: 'when_supported' | 'when_required'
  partSizeBytes: number
  queueSize: number
}

function missing(error: unknown) {
  return (
    error instanceof NoSuchKey ||
    error instanceof NotFound ||
    (error as { name?: string })?.name === 'NotFound'
  )
}

/**
 * S3 or an S3-compatible server. Uploads stream through lib-storage's multipart Upload: at most `queueSize` parts
 * in flight plus the one being filled, so memory stays near (queueSize + 1) × partSize whatever the file size.
 * Downloads are presigned GETs that carry the Content-Disposition and Content-Type S3 must answer with.
 */
export function s3Storage(options: S3Options): Storage {
  const checksum = options.checksums === 'when_required' ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED'
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials:
      options.accessKeyId && options.secretAccessKey
        ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
        : undefined,
    requestChecksumCalculation: checksum,
    responseChecksumValidation: checksum,
  })
  const Bucket = options.bucket
  return {
    kind: 's3',
    async put(key, body, putOptions) {
      assertSafeKey(key)
      const counter = countingStream(putOptions)
      const source = toReadable(body)
      // A failing source (a dropped upload) must fail the counted stream, or the Upload would wait forever.
      source.once('error', (error) => counter.transform.destroy(error))
      const upload = new Upload({
        client,
        params: {
          Bucket,
          Key: key,
          Body: source.pipe(counter.transform),
          ContentType: putOptions.contentType,
        },
        partSize: options.partSizeBytes,
        queueSize: options.queueSize,
        leavePartsOnError: false,
      })
      counter.transform.once('error', () => void upload.abort().catch(() => {}))
      try {
        await upload.done()
      } catch (error) {
        // A single-part upload may have completed before the error surfaced: nothing may remain under the key.
        await client.send(new DeleteObjectCommand({ Bucket, Key: key })).catch(() => {})
        throw counter.transform.errored ?? error
      }
      return { byteSize: counter.bytes() }
    },
    async get(key) {
      assertSafeKey(key)
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: key }))
        return {
          body: out.Body as Readable,
          byteSize: Number(out.ContentLength ?? 0),
          contentType: out.ContentType ?? 'application/octet-stream',
        }
      } catch (error) {
        if (missing(error)) return null
        throw error
      }
    },
    async head(key) {
      assertSafeKey(key)
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket, Key: key }))
        return {
          byteSize: Number(out.ContentLength ?? 0),
          contentType: out.ContentType ?? 'application/octet-stream',
        }
      } catch (error) {
        if (missing(error)) return null
        throw error
      }
    },
    async delete(key) {
      assertSafeKey(key)
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }))
    },
    async signedUrl(key, urlOptions) {
      assertSafeKey(key)
      const command = new GetObjectCommand({
        Bucket,
        Key: key,
        ResponseContentDisposition: dispositionFor(urlOptions.fileName, urlOptions.disposition),
        ResponseContentType: urlOptions.contentType,
        ResponseCacheControl: 'private, no-store',
      })
      return getSignedUrl(client, command, { expiresIn: urlOptions.expiresIn ?? 60 })
    },
  }
}

import type { Readable } from 'node:stream'

/**
 * Where documents and generated files live (docs/architecture.md, “Runtime modes”): a local folder by default, S3 when configured.
 * Keys are chosen by the app (random, never from a user's file name); callers never see a path or a bucket.
 */
export interface Storage {
  readonly kind: 'local' | 's3'
  /**
   * Streams `body` to `key` without holding it in memory (S3: multipart upload, a bounded number of parts in
   * flight). Resolves with the byte count once the object is complete; on error nothing is left under `key`.
   */
  put(
    key: string,
    body: Readable | AsyncIterable<Uint8Array>,
    options: PutOptions,
  ): Promise<{ byteSize: number }>
  /** The object's bytes as a stream, or null when there is no such key. */
  get(key: string): Promise<StoredObject | null>
  head(key: string): Promise<{ byteSize: number; contentType: string } | null>
  delete(key: string): Promise<void>
  /**
   * A short-lived URL that downloads the object with `Content-Disposition: attachment; filename=...` (or
   * inline, for previews). S3 presigns it; the local driver signs an app URL with an HMAC.
   */
  signedUrl(key: string, options: SignedUrlOptions): Promise<string>
}

export type PutOptions = {
  contentType: string
  /** Stops the upload (and removes the partial object) when the stream passes this many bytes. */
  maxBytes?: number
  /** Called as bytes are accepted, for progress reporting. */
  onProgress?: (bytesSoFar: number) => void
}

export type StoredObject = { body: Readable; byteSize: number; contentType: string }

export type SignedUrlOptions = {
  fileName: string
  contentType: string
  /** Seconds; default 60. */
  expiresIn?: number
  disposition?: 'attachment' | 'inline'
}

/** Thrown by put() when the stream is larger than maxBytes. */
export class TooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than the limit of ${maxBytes} bytes.`)
  }
}

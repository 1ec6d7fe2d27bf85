import crypto from 'node:crypto'
import { Readable, Transform } from 'node:stream'
import { TooLargeError } from './types.ts'

/**
 * Passes bytes through while counting (and hashing) them; errors with TooLargeError past `maxBytes`, so a
 * too-large upload stops while it streams instead of after it was stored.
 */
export function countingStream(options: { maxBytes?: number; onProgress?: (bytes: number) => void }) {
  let bytes = 0
  const hash = crypto.createHash('sha256')
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length
      if (options.maxBytes !== undefined && bytes > options.maxBytes) {
        callback(new TooLargeError(options.maxBytes))
        return
      }
      hash.update(chunk)
      options.onProgress?.(bytes)
      callback(null, chunk)
    },
  })
  return { transform, bytes: () => bytes, sha256: () => hash.digest('hex') }
}

export function toReadable(body: Readable | AsyncIterable<Uint8Array>): Readable {
  return body instanceof Readable ? body : Readable.from(body, { objectMode: false })
}

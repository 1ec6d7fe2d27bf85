import { fileTypeFromBuffer } from 'file-type'

/** What uploads may contain, by type detected from the bytes (the file name never decides). */
export const allowedTypes: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (xlsx)',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint (pptx)',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
  'application/zip': 'ZIP',
  'text/csv': 'CSV',
  'text/plain': 'plain text',
}

export function describeAllowedTypes() {
  return [...new Set(Object.values(allowedTypes))].join(', ')
}

export class UnsupportedTypeError extends Error {
  /** Reads and drops what the client is still sending (see sniffUpload's discard). */
  discard: (limit: number) => Promise<boolean> = async () => true
  constructor(readonly detected: string) {
    super(`This file is ${detected}, which cannot be uploaded. Allowed: ${describeAllowedTypes()}.`)
  }
}

/** Office files are ZIPs whose first entries name what they are; 64 KB of head is enough to see them. */
const HEAD_BYTES = 64 * 1024

/**
 * Reads just the head of an upload, decides its type from the content, and returns a body that replays the head
 * and then the rest of the stream (nothing else is buffered). Text has no magic number: a head that is valid UTF-8
 * without NUL bytes is text, and the name only chooses between CSV and plain text.
 */
export async function sniffUpload(source: AsyncIterable<Uint8Array>, fileName = '') {
  const iterator = source[Symbol.asyncIterator]()
  const chunks: Buffer[] = []
  let size = 0
  let done = false
  while (size < HEAD_BYTES) {
    const next = await iterator.next()
    if (next.done) {
      done = true
      break
    }
    const chunk = Buffer.from(next.value)
    chunks.push(chunk)
    size += chunk.length
  }
  const head = Buffer.concat(chunks)
  let contentType: string
  try {
    contentType = await detect(head, fileName)
  } catch (error) {
    if (error instanceof UnsupportedTypeError) error.discard = (limit) => drain(iterator, done, limit)
    throw error
  }
  async function* body(): AsyncGenerator<Uint8Array> {
    if (head.length) yield head
    if (done) return
    for (;;) {
      const next = await iterator.next()
      if (next.done) return
      yield next.value
    }
  }
  /**
   * Reads and drops up to `limit` more bytes after a refusal, so a client still sending gets the answer instead of
   * a reset connection; a bigger remainder is cut off.
   */
  const discard = (limit: number) => drain(iterator, done, limit)
  return { contentType, label: allowedTypes[contentType], body: body(), discard }
}

async function detect(head: Buffer, fileName: string) {
  if (head.length === 0) throw new UnsupportedTypeError('empty')
  const found = await fileTypeFromBuffer(head)
  if (found) {
    if (allowedTypes[found.mime]) return found.mime
    throw new UnsupportedTypeError(describeDetected(found.ext, found.mime))
  }
  if (looksLikeText(head)) {
    const lower = head.subarray(0, 512).toString('utf8').trimStart().toLowerCase()
    // Markup is refused: served back, it could run script in someone's browser.
    if (
      lower.startsWith('<!doctype') ||
      lower.startsWith('<html') ||
      lower.startsWith('<svg') ||
      lower.startsWith('<?xml')
    ) {
      throw new UnsupportedTypeError('markup (HTML, SVG or XML)')
    }
    return /\.csv$/i.test(fileName) ? 'text/csv' : 'text/plain'
  }
  throw new UnsupportedTypeError('of an unknown binary type')
}

const names: Record<string, string> = {
  exe: 'a Windows executable (exe)',
  elf: 'a Linux executable (ELF)',
  macho: 'a macOS executable (Mach-O)',
  msi: 'a Windows installer (msi)',
  dll: 'a Windows library (dll)',
}

function describeDetected(ext: string, mime: string) {
  return names[ext] ?? `${ext.toUpperCase()} (${mime})`
}

function looksLikeText(head: Buffer) {
  if (head.includes(0)) return false
  // A head may end inside a multi-byte character: decode all but the last 3 bytes strictly.
  const sample = head.length > HEAD_BYTES - 4 ? head.subarray(0, head.length - 3) : head
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample)
    return true
  } catch {
    return false
  }
}

async function drain(iterator: AsyncIterator<Uint8Array>, done: boolean, limit: number) {
  let dropped = 0
  while (!done && dropped < limit) {
    const next = await iterator.next()
    if (next.done) return true
    dropped += next.value.length
  }
  return dropped < limit
}

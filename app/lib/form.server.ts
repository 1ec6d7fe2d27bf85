import { getConfig } from '#config/env.ts'
import { AppError, badRequest, errorResponse } from './errors.ts'

const formTypes = ['application/x-www-form-urlencoded', 'multipart/form-data']

export function formLimitBytes() {
  return getConfig().FORM_MAX_KB * 1024
}

/** 413; the rest of the body is left unread, so this connection cannot carry another request. */
function tooLarge(limit: number): never {
  const message = `The form is larger than ${Math.round(limit / 1024)} KB. Send less, or upload files where the page offers it.`
  throw errorResponse(new AppError('too_large', message), { connection: 'close' })
}

/** The body's bytes, counted as they stream in; null as soon as they pass `limit` (the rest stays unread). */
async function readAtMost(
  body: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      // Not cancelled: cancelling would destroy the socket before the 413 could be sent.
      if (size > limit) return null
      chunks.push(value)
    }
  } catch {
    badRequest('The request body could not be read.')
  } finally {
    reader.releaseLock()
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** The body's bytes within FORM_MAX_KB, refused with 413 past it (by its declared length, or as it streams). */
async function readSmallBody(request: Request) {
  const limit = formLimitBytes()
  if (Number(request.headers.get('content-length')) > limit) tooLarge(limit)
  const bytes = request.body ? await readAtMost(request.body, limit) : new Uint8Array()
  if (!bytes) tooLarge(limit)
  return bytes
}

/** A JSON body (at most FORM_MAX_KB, like a form), or null when it is not well-formed JSON. */
export async function readJson(request: Request): Promise<unknown> {
  const bytes = await readSmallBody(request)
  try {
    return JSON.parse(new TextDecoder().decode(bytes))
  } catch {
    return null
  }
}

/**
 * The one way an action reads a form: url-encoded or multipart, at most FORM_MAX_KB (counted while it streams, so
 * an oversize body is never held), parsed into FormData. What cannot be read is the client's to fix: 415 for
 * another content type, 413 past the limit, 400 when the body is malformed. File uploads do not come here: they
 * stream to storage under UPLOAD_MAX_MB.
 */
export async function readForm(request: Request): Promise<FormData> {
  const contentType = request.headers.get('content-type') ?? ''
  const type = contentType.split(';')[0].trim().toLowerCase()
  const bytes = await readSmallBody(request)
  // A bare POST (a button with no fields, sent by script) is an empty form.
  if (bytes.byteLength === 0 && !type) return new FormData()
  if (!formTypes.includes(type)) {
    throw errorResponse(
      new AppError(
        'unsupported_media_type',
        'Send the form as application/x-www-form-urlencoded or multipart/form-data.',
      ),
    )
  }
  let form: FormData
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData()
  } catch {
    badRequest(`The form could not be read: the body is not well-formed ${type}.`)
  }
  // PostgreSQL cannot store a NUL byte in text: no field of ours can hold one.
  for (const [name, value] of form) {
    if (typeof value === 'string' && value.includes('\0'))
      badRequest(`The form field "${name}" contains a NUL byte.`)
  }
  return form
}

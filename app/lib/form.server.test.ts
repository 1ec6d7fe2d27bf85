import { describe, expect, test } from 'vitest'
import { readForm } from './form.server.ts'

const post = (body: BodyInit | null, type?: string) =>
  new Request('http://x/form', {
    method: 'POST',
    body,
    headers: type ? { 'content-type': type } : {},
    duplex: 'half',
  } as RequestInit)

async function refusal(request: Request) {
  try {
    await readForm(request)
  } catch (error) {
    if (error instanceof Response) return { status: error.status, text: await error.text() }
    throw error
  }
  throw new Error('expected a refusal')
}

/** A body without a declared length, as a chunked upload arrives. */
function stream(bytes: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x61)
  let left = bytes
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left <= 0) return controller.close()
      controller.enqueue(chunk.subarray(0, Math.min(chunk.length, left)))
      left -= chunk.length
    },
  })
}

describe('readForm', () => {
  test('reads a url-encoded form', async () => {
    const form = await readForm(post('intent=save&name=Acme', 'application/x-www-form-urlencoded'))
    expect(form.get('name')).toBe('Acme')
  })

  test('malformed multipart is a 400', async () => {
    const res = await refusal(post('--b\r\nContent-Disposition: form-da', 'multipart/form-data; boundary=b'))
    expect(res.status).toBe(400)
    expect(res.text).toContain('multipart/form-data')
  })

  test('JSON sent to a form is a 415', async () => {
    expect((await refusal(post('{"a":1}', 'application/json'))).status).toBe(415)
  })

  test('a NUL byte in a field is a 400 naming the field', async () => {
    const res = await refusal(post('email=a%00b', 'application/x-www-form-urlencoded'))
    expect(res.status).toBe(400)
    expect(res.text).toContain('"email"')
  })

  test('a chunked body past the form limit is a 413 that closes the connection', async () => {
    const request = post(stream(2 * 1024 * 1024), 'application/x-www-form-urlencoded')
    try {
      await readForm(request)
      throw new Error('expected a refusal')
    } catch (error) {
      expect(error).toBeInstanceOf(Response)
      expect((error as Response).status).toBe(413)
      expect((error as Response).headers.get('connection')).toBe('close')
    }
  })

  test('a bare POST is an empty form', async () => {
    expect([...(await readForm(post(null)))]).toEqual([])
  })
})

import http from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Harness, startHarness } from './harness.ts'

/**
 * docs/architecture.md, “Who checks what”: no route reads a body past its limit. Memory is measured by `npm run bench:body-limit`; here the
 * answers: 413 for an oversize body, before it is sent when its length is declared, and a server that goes on
 * answering afterwards.
 */

const MB = 1024 * 1024
let h: Harness

beforeAll(async () => {
  h = await startHarness({ production: true })
})

afterAll(async () => {
  await h?.close()
})

type Sent = { status: number; body: string; sentMb: number }

/** POST /login with `headers`, sending up to `sizeMb` 1 MB chunks while the server has not answered. */
function postLogin(headers: Record<string, string>, sizeMb: number, prefix = ''): Promise<Sent> {
  const chunk = Buffer.alloc(MB, 0x61)
  let sent = 0
  let answered = false
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${h.origin}/login`,
      { method: 'POST', headers: { origin: h.origin, ...headers }, agent: false },
      (res) => {
        answered = true
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), sentMb: sent }),
        )
      },
    )
    req.on('error', (error) => setTimeout(() => reject(error), 1000))
    if (prefix) req.write(prefix)
    const write = () => {
      while (sent < sizeMb && !answered) {
        sent++
        if (!req.write(chunk)) return void req.once('drain', write)
      }
      req.end()
    }
    write()
  })
}

describe('oversize bodies', () => {
  test('a 200 MB form declared by Content-Length gets 413 before it is sent', async () => {
    const res = await postLogin(
      { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(200 * MB) },
      200,
    )
    expect(res.status).toBe(413)
    expect(res.body).toMatch(/too large/)
    // The answer came while the client was still sending: the server did not wait for the body.
    expect(res.sentMb).toBeLessThan(200)
  })

  test('a chunked form body past the form limit is cut off with 413 as it streams', async () => {
    const res = await postLogin({ 'content-type': 'application/x-www-form-urlencoded' }, 50)
    expect(res.status).toBe(413)
    expect(res.sentMb).toBeLessThan(50)
  })

  test('a multipart body past the form limit sent to a form action gets 413', async () => {
    const declared = await postLogin(
      { 'content-type': 'multipart/form-data; boundary=b', 'content-length': String(50 * MB) },
      50,
    )
    expect(declared.status).toBe(413)
    const chunked = await postLogin(
      { 'content-type': 'multipart/form-data; boundary=b' },
      50,
      '--b\r\nContent-Disposition: form-data; name="email"\r\n\r\n',
    )
    expect(chunked.status).toBe(413)
  })

  test('the server still answers afterwards', async () => {
    const res = await h.request('/login')
    expect(res.status).toBe(200)
    const form = await h.request('/login', { form: { email: 'nobody@example.test', password: 'wrong' } })
    expect(form.status).toBeLessThan(500)
  })
})

describe('malformed forms', () => {
  test('broken multipart to the sign-in form is a 400 with a message', async () => {
    const res = await h.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    })
    expect(res.status).toBe(400)
  })

  test('JSON sent to the sign-in form is a 415', async () => {
    const res = await fetch(`${h.origin}/login`, {
      method: 'POST',
      headers: { origin: h.origin, 'content-type': 'application/json' },
      body: '{"email":"a@b.c"}',
      redirect: 'manual',
    })
    expect(res.status).toBe(415)
  })

  test('a NUL byte in a form field is a 400', async () => {
    const res = await h.request('/forgot-password', { form: { email: 'a\0@example.test' } })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('NUL')
  })
})

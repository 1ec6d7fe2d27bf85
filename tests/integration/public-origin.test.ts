import http from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { resetConfig } from '#config/env.ts'
import { createMember, createOrg } from '#db/seed/factories.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, locationOf, signInAs, startHarness } from './harness.ts'
import { type SmtpHelper, startSmtpServer } from './smtp.ts'
import { connected, connectSocket } from './socket-client.ts'

/**
 * Links and the origin checks answer to the configured public origin (APP_ORIGIN) only, never to the Host a
 * client sends. Here APP_ORIGIN is the harness's own address, as `npm start` with no configuration would be.
 */

let h: Harness
let smtp: SmtpHelper
let orgId: string

beforeAll(async () => {
  smtp = await startSmtpServer()
  process.env.SMTP_URL = smtp.url
  resetConfig()
  h = await startHarness({ realtime: true })
  orgId = (await asSystem((tx) => createOrg(tx, { kind: 'retailer' }))).id
})
afterAll(async () => {
  await h?.close()
  delete process.env.SMTP_URL
  resetConfig()
  await smtp?.close()
})

/** A form POST with a Host header of our choosing (fetch always sends the real one). */
function postAsHost(path: string, host: string, origin: string, form: Record<string, string>) {
  const body = new URLSearchParams(form).toString()
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(new URL(path, h.origin), {
      method: 'POST',
      headers: {
        host,
        origin,
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(body),
      },
    })
    req.once('response', (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => {
        text += chunk
      })
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.once('error', reject)
    req.end(body)
  })
}

const newUser = () => asSystem((tx) => createMember(tx, { orgId, role: 'member' }))

describe('password reset links', () => {
  test('point at APP_ORIGIN even when the request names another Host', async () => {
    const user = await newUser()
    const res = await postAsHost('/forgot-password', 'evil.test', h.appOrigin, { email: user.email })
    expect(res.status).toBe(200)
    const mail = await smtp.waitForMail(user.email)
    expect(mail.text).toContain(`${h.appOrigin}/reset-password?token=`)
    expect(mail.text + mail.html).not.toContain('evil.test')
  })

  test('a POST whose Origin matches a forged Host is refused and sends nothing', async () => {
    const user = await newUser()
    const res = await postAsHost('/forgot-password', 'evil.test', 'http://evil.test', { email: user.email })
    expect(res.status).toBe(403)
    await expect(smtp.waitForMail(user.email, 300)).rejects.toThrow()
  })
})

describe('live updates', () => {
  test('a socket whose Origin matches a forged Host is refused', async () => {
    const user = await newUser()
    const cookie = await signInAs(user.id, orgId)
    const socket = connectSocket(h.origin, {
      cookie,
      origin: 'http://evil.test',
      headers: { host: 'evil.test' },
    })
    try {
      await expect(connected(socket)).rejects.toThrow('origin refused')
    } finally {
      socket.close()
    }
  })

  test('a socket from APP_ORIGIN is accepted', async () => {
    const user = await newUser()
    const socket = connectSocket(h.origin, { cookie: await signInAs(user.id, orgId), origin: h.appOrigin })
    try {
      await connected(socket)
    } finally {
      socket.close()
    }
  })
})

describe('redirects after sign-in and a language switch', () => {
  const outside = [
    '/\t/evil.test/phish',
    '/\\evil.test',
    '//evil.test',
    'https://evil.test/',
    '/.//evil.test',
  ]

  test.for(outside)('sign-in with redirectTo=%j lands on our own /', async (redirectTo) => {
    const user = await newUser()
    const page = await h.request(`/login?${new URLSearchParams({ redirectTo })}`)
    expect(page.status).toBe(200)
    const res = await h.request('/login', {
      form: { email: user.email, password: 'correct horse battery staple', redirectTo },
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/')
  })

  test('sign-in keeps a same-origin target with its query', async () => {
    const user = await newUser()
    const res = await h.request('/login', {
      form: {
        email: user.email,
        password: 'correct horse battery staple',
        redirectTo: '/invoices?status=open',
      },
    })
    expect(locationOf(res)).toBe('/invoices?status=open')
  })

  test.for(outside)('the language switch with redirectTo=%j lands on our own /', async (redirectTo) => {
    const res = await h.request('/set-locale', { form: { locale: 'en', redirectTo } })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/')
  })
})

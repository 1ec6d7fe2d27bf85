import { afterAll, beforeAll, expect, test } from 'vitest'
import { createMember, createOrg } from '#db/seed/factories.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, signInAs, startHarness } from './harness.ts'

/**
 * Behind a TLS-terminating proxy: APP_ORIGIN is https, while the hop to the app is plain http and the proxy may
 * send no X-Forwarded-Proto at all. The cookie must be Secure all the same.
 */

let h: Harness
let orgId: string

beforeAll(async () => {
  h = await startHarness({ appOrigin: 'https://portal.tandem.test' })
  orgId = (await asSystem((tx) => createOrg(tx, { kind: 'retailer' }))).id
})
afterAll(async () => {
  await h?.close()
})

const sessionCookieOf = (res: Response) =>
  res.headers.getSetCookie().find((c) => c.startsWith('tandem_session=')) ?? ''

test('the sign-in cookie is Secure though the request came over plain http', async () => {
  const user = await asSystem((tx) => createMember(tx, { orgId, role: 'member' }))
  const res = await h.request('/login', {
    form: { email: user.email, password: 'correct horse battery staple' },
  })
  expect(res.status).toBe(302)
  expect(sessionCookieOf(res)).toMatch(/; Secure/i)
})

test('so is the cookie that clears it on sign-out', async () => {
  const user = await asSystem((tx) => createMember(tx, { orgId, role: 'member' }))
  const res = await h.request('/logout', { method: 'POST', cookie: await signInAs(user.id, orgId) })
  expect(res.status).toBe(302)
  expect(sessionCookieOf(res)).toMatch(/Max-Age=0.*; Secure/i)
})

test('a POST from the plain-http address the app listens on is refused', async () => {
  const res = await h.request('/login', { form: { email: 'a@b.test', password: 'x' }, origin: h.origin })
  expect(res.status).toBe(403)
  expect(await res.text()).toContain('https://portal.tandem.test')
})

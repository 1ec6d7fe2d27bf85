import { readdirSync, readFileSync } from 'node:fs'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { hashToken } from '#app/lib/tokens.server.ts'
import { memberships, sessions } from '#db/schema/index.ts'
import { createMember, createOrg } from '#db/seed/factories.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, locationOf, signInAs, startHarness, tokenOf } from './harness.ts'
import { publicTables, rowsOf } from './records.ts'

const PASSWORD = 'correct horse battery staple'

let h: Harness
let orgId: string

beforeAll(async () => {
  h = await startHarness()
  orgId = (await asSystem((tx) => createOrg(tx, { kind: 'manufacturer', name: 'Sessions Test Works' }))).id
})
afterAll(async () => {
  await h?.close()
})

/** A fresh user (unique email: the sign-in limiters are per process and keyed by email). */
async function newUser() {
  return asSystem((tx) => createMember(tx, { orgId, role: 'member' }))
}

function login(
  email: string,
  password: string,
  options: { ip?: string; headers?: Record<string, string> } = {},
) {
  return h.request('/login', {
    form: { email, password },
    headers: { ...(options.ip ? { 'x-forwarded-for': options.ip } : {}), ...options.headers },
  })
}

const sessionCookieOf = (res: Response) =>
  res.headers.getSetCookie().find((c) => c.startsWith('tandem_session=')) ?? ''

async function isSignedIn(cookie: string) {
  const res = await h.request('/dashboard', { cookie })
  if (res.status === 200) return true
  expect(locationOf(res)).toMatch(/^\/login\?/)
  return false
}

const sessionRow = async (id: string) =>
  (await asSystem((tx) => tx.select().from(sessions).where(eq(sessions.id, id))))[0]

describe('sign-in cookie', () => {
  test('is HttpOnly, SameSite=Lax, Path=/ and not Secure over plain http', async () => {
    const user = await newUser()
    const res = await login(user.email, PASSWORD)
    expect(res.status).toBe(302)
    const cookie = sessionCookieOf(res)
    expect(cookie).toMatch(/; HttpOnly/i)
    expect(cookie).toMatch(/; SameSite=Lax/i)
    expect(cookie).toMatch(/; Path=\/(;|$)/)
    expect(cookie).not.toMatch(/; Secure/i)
    expect(await isSignedIn(cookie.split(';')[0])).toBe(true)
  })

  test('the database keeps only the SHA-256 of the token, nowhere the token itself', async () => {
    const user = await newUser()
    const res = await login(user.email, PASSWORD)
    const token = tokenOf(sessionCookieOf(res))
    expect(token.length).toBeGreaterThanOrEqual(32)
    const row = await sessionRow(hashToken(token))
    expect(row?.userId).toBe(user.id)
    expect(row.id).toMatch(/^[0-9a-f]{64}$/)
    // Every row of every table, as text.
    const holders: string[] = []
    const tables = [...(await publicTables()).keys()]
    await asSystem(async (tx) => {
      for (const table of tables) {
        const [found] = await rowsOf<{ n: number }>(
          tx,
          sql`select count(*)::int as n from ${sql.identifier(table)} t where t::text like ${`%${token}%`}`,
        )
        if (found.n > 0) holders.push(table)
      }
    })
    expect(holders).toEqual([])
  })
})

describe('session end', () => {
  test('sign-out ends the session on the server', async () => {
    const user = await newUser()
    const cookie = await signInAs(user.id, orgId)
    expect(await isSignedIn(cookie)).toBe(true)
    const res = await h.request('/logout', { method: 'POST', cookie })
    expect(res.status).toBe(302)
    expect(res.headers.getSetCookie().join()).toMatch(/tandem_session=;.*Max-Age=0/i)
    expect(await isSignedIn(cookie)).toBe(false)
    expect(await sessionRow(hashToken(tokenOf(cookie)))).toBeUndefined()
  })

  test.for(['expires_at', 'idle_expires_at'])(
    'a session past its %s is refused and deleted',
    async (column) => {
      const user = await newUser()
      const cookie = await signInAs(user.id, orgId)
      const id = hashToken(tokenOf(cookie))
      await asSystem((tx) =>
        tx.execute(
          sql`update sessions set ${sql.identifier(column)} = now() - interval '1 minute' where id = ${id}`,
        ),
      )
      expect(await isSignedIn(cookie)).toBe(false)
      expect(await sessionRow(id)).toBeUndefined()
    },
  )

  // Through the routes, so a route that forgets to end the sessions turns this red.
  test('a password change ends every other session of the user at once', async () => {
    const user = await newUser()
    const kept = await signInAs(user.id, orgId)
    const other = await signInAs(user.id, orgId)
    const newPassword = 'a brand new passphrase'
    const res = await h.request('/account/password', {
      cookie: kept,
      form: { currentPassword: PASSWORD, newPassword, confirm: newPassword },
    })
    expect(res.status).toBe(200)
    // Gone from the table right away, not merely refused at its next use.
    expect(await sessionRow(hashToken(tokenOf(other)))).toBeUndefined()
    expect(await isSignedIn(other)).toBe(false)
    expect(await isSignedIn(kept)).toBe(true)
  })

  test("deactivating a member ends that user's sessions in this org at once, and only there", async () => {
    const admin = await asSystem((tx) => createMember(tx, { orgId, role: 'admin' }))
    const user = await newUser()
    const elsewhere = await asSystem(async (tx) => {
      const other = await createOrg(tx, { kind: 'retailer' })
      await tx.insert(memberships).values({ orgId: other.id, userId: user.id, role: 'member' })
      return other.id
    })
    const here = await signInAs(user.id, orgId)
    const there = await signInAs(user.id, elsewhere)
    const res = await h.request(`/admin/users/${user.id}`, {
      cookie: await signInAs(admin.id, orgId),
      form: { intent: 'status', status: 'deactivated' },
    })
    expect(res.status).toBe(200)
    expect(await sessionRow(hashToken(tokenOf(here)))).toBeUndefined()
    expect(await isSignedIn(here)).toBe(false)
    expect(await isSignedIn(there)).toBe(true)
  })

  test('deactivating the membership ends the session', async () => {
    const user = await newUser()
    const cookie = await signInAs(user.id, orgId)
    expect(await isSignedIn(cookie)).toBe(true)
    await asSystem((tx) =>
      tx.update(memberships).set({ status: 'deactivated' }).where(eq(memberships.userId, user.id)),
    )
    expect(await isSignedIn(cookie)).toBe(false)
    expect(await sessionRow(hashToken(tokenOf(cookie)))).toBeUndefined()
  })
})

describe('cross-site request forgery', () => {
  test('a POST from another origin is refused', async () => {
    const res = await h.request('/login', {
      form: { email: 'a@b.test', password: 'x' },
      origin: 'http://evil.test',
    })
    expect(res.status).toBe(403)
  })

  test('a POST without Origin is refused', async () => {
    const res = await h.request('/login', { form: { email: 'a@b.test', password: 'x' }, origin: null })
    expect(res.status).toBe(403)
  })

  test('a signed-in POST from another origin does not sign out', async () => {
    const user = await newUser()
    const cookie = await signInAs(user.id, orgId)
    const res = await h.request('/logout', { method: 'POST', cookie, origin: 'http://evil.test' })
    expect(res.status).toBe(403)
    expect(await isSignedIn(cookie)).toBe(true)
  })

  test('a same-origin POST passes the check', async () => {
    const res = await h.request('/login', { form: { email: 'not-an-email', password: '' } })
    expect(res.status).toBe(400)
  })
})

describe('sign-in rate limit', () => {
  test('ten wrong passwords lock that address out for that account, not the owner elsewhere', async () => {
    const user = await newUser()
    const attacker = '203.0.113.7'
    for (let i = 0; i < 10; i++) {
      const res = await login(user.email, `wrong-${i}`, { ip: attacker })
      expect(res.status, `attempt ${i + 1}`).toBe(400)
    }
    const blocked = await login(user.email, 'wrong-again', { ip: attacker })
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    // Even the right password waits, from that address.
    expect((await login(user.email, PASSWORD, { ip: attacker })).status).toBe(429)
    // The real owner, elsewhere, still gets in.
    const owner = await login(user.email, PASSWORD, { ip: '198.51.100.9' })
    expect(owner.status).toBe(302)
    expect(sessionCookieOf(owner)).toMatch(/^tandem_session=\w+/)
  })
})

describe('sign-in limit per account', () => {
  test('fifty wrong passwords spread over many addresses slow that account down everywhere, for an hour', async () => {
    const user = await newUser()
    for (let i = 0; i < 50; i++) {
      const res = await login(user.email, `wrong-${i}`, { ip: `192.0.2.${i + 1}` })
      expect(res.status, `attempt ${i + 1}`).toBe(400)
    }
    const blocked = await login(user.email, 'wrong-again', { ip: '198.51.100.77' })
    expect(blocked.status).toBe(429)
    const wait = Number(blocked.headers.get('retry-after'))
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(60 * 60)
    // The right password waits too: the answer must not tell whether a guess was right.
    expect((await login(user.email, PASSWORD, { ip: '198.51.100.78' })).status).toBe(429)
    // Another account is not affected.
    expect((await login((await newUser()).email, PASSWORD, { ip: '198.51.100.78' })).status).toBe(302)

    // The limit expires: an hour later the owner signs in.
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(Date.now() + 61 * 60 * 1000)
      const owner = await login(user.email, PASSWORD, { ip: '198.51.100.78' })
      expect(owner.status).toBe(302)
      expect(sessionCookieOf(owner)).toMatch(/^tandem_session=\w+/)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('Retry-After on every 429', () => {
  test('password reset requests, after five for one address and account', async () => {
    const user = await newUser()
    const ask = () => h.request('/forgot-password', { form: { email: user.email } })
    for (let i = 0; i < 5; i++) expect((await ask()).status, `request ${i + 1}`).toBe(200)
    const refused = await ask()
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  test('password changes, after ten wrong current passwords', async () => {
    const user = await newUser()
    const cookie = await signInAs(user.id, orgId)
    const change = () =>
      h.request('/account/password', {
        cookie,
        form: {
          currentPassword: 'not it at all',
          newPassword: 'a new long password',
          confirm: 'a new long password',
        },
      })
    for (let i = 0; i < 10; i++) expect((await change()).status, `attempt ${i + 1}`).toBe(400)
    const refused = await change()
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  test('every route that can answer 429 exports the headers that keep Retry-After', () => {
    const routes = readdirSync('app/routes').filter((f) => /\.tsx?$/.test(f))
    const source = (f: string) => readFileSync(`app/routes/${f}`, 'utf8')
    // Resource routes (no page) send their Response as it is; page routes go through the shared reply.
    const pages = routes.filter((f) => source(f).includes('export default'))
    expect(pages.filter((f) => source(f).includes('status: 429'))).toEqual([])
    const replying = routes.filter((f) =>
      readFileSync(`app/routes/${f}`, 'utf8').includes('tooManyRequests('),
    )
    expect(replying.length).toBeGreaterThan(0)
    for (const file of replying) {
      expect(source(file), file).toMatch(
        /export const headers = keepRetryAfter\b|export \{ keepRetryAfter as headers \}/,
      )
    }
  })
})

describe('HTTP security headers', () => {
  test('pages, their data and errors are private and never stored; built assets stay cacheable', async () => {
    const cookie = await signInAs((await newUser()).id, orgId)
    for (const res of [
      await h.request('/dashboard', { cookie }),
      await h.request('/dashboard.data', { cookie }),
      await h.request('/account/sessions', { cookie }),
      await h.request('/nope-404', { cookie }),
      await h.request('/login'),
      await h.request('/dashboard'),
    ]) {
      expect(res.headers.get('cache-control'), res.url).toBe('private, no-store')
    }
    const page = await (await h.request('/login')).text()
    const asset = /\/assets\/[^"']+\.js/.exec(page)?.[0]
    expect(asset).toBeTruthy()
    const res = await h.request(asset ?? '')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toMatch(/immutable/)
  })

  test('pages carry CSP with a script nonce, nosniff, referrer policy, framing ban and a request id', async () => {
    const res = await h.request('/login')
    expect(res.status).toBe(200)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]+'/)
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    // The nonce is fresh per response and the page's own scripts carry it.
    expect(await res.text()).toContain(`nonce="${nonce}"`)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBeTruthy()
    expect(res.headers.get('x-frame-options') ?? csp).toMatch(/DENY|SAMEORIGIN|frame-ancestors 'none'/i)
    expect(res.headers.get('x-request-id')).toMatch(/\S+/)
    const again = await h.request('/login')
    expect(again.headers.get('content-security-policy')).not.toBe(csp)
  })

  test('responses of every kind carry a request id', async () => {
    for (const res of [
      await h.request('/healthz'),
      await h.request('/dashboard'),
      await h.request('/nope-404'),
    ]) {
      expect(res.headers.get('x-request-id'), res.url).toMatch(/\S+/)
    }
  })
})

describe('right-to-left', () => {
  test('after choosing Persian, the sign-in page is rtl', async () => {
    // The language cookie is a Remix cookie (encoded value), so take it from the language switcher itself.
    const chosen = await h.request('/set-locale', { form: { locale: 'fa', redirectTo: '/login' } })
    expect(chosen.status).toBe(302)
    const lng = chosen.headers
      .getSetCookie()
      .find((c) => c.startsWith('lng='))
      ?.split(';')[0]
    expect(lng).toBeTruthy()
    const res = await h.request('/login', { cookie: lng })
    expect(await res.text()).toMatch(/<html lang="fa" dir="rtl"/)
  })
})

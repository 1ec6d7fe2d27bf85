import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Harness, loadBuild, locationOf, signInAs, startHarness } from './harness.ts'
import { foreignRecordFor, ownRecordFor, snapshotOf } from './records.ts'
import { type Body, type Replay, replays, requestInit, type Side, versionOf } from './replays.ts'
import { actionUrl, dataUrl, type Endpoint, endpointsOf, fillPattern } from './routes.ts'
import { createWorld, type Identity, identities, leaksIn, type World } from './world.ts'

/**
 * docs/architecture.md, “Who checks what”: every route × every role × a record of another org is refused, and no page ever shows another
 * org's data. Generated from the built server's route list, so routes added later are covered without edits.
 *
 * Statuses accepted for a signed-in user and a FOREIGN record:
 * - GET: 403 or 404 only.
 * - POST: 403 or 404; or 400/422 when the action rejects the form before it loads anything, or 405 when the route
 *   has no action. None of these may carry foreign data (checked on every body), and the foreign world must be
 *   unchanged row for row after the whole matrix (checked at the end), so a 4xx cannot hide a write. Redirects are
 *   refused: a 3xx after a foreign-record request can mean "done".
 * Two kinds of POST body: a benign form (`intent=x` plus foreign ids in the usual id fields, which also probes
 * actions that take the record from the form, like /switch-org), and the real forms of A's OWN record page
 * replayed against the foreign record (a valid intent, so the action gets past validation to authorization).
 */

const build = await loadBuild()
const endpoints = endpointsOf(build)
// One GET per URL (a layout and its index route share one), one POST per action target.
const pages = [...new Map(endpoints.map((e) => [e.pattern, e])).values()]
const postTargets = endpoints.filter((e) => e.action || e.params.length > 0)

const pageStatuses = [200, 302, 303, 403, 404]
const foreignGetStatuses = [403, 404]
const foreignPostStatuses = [400, 403, 404, 405, 422]
// Filled in beforeAll: `intent=x` plus foreign ids under the field names actions commonly read.
let benignForm: Record<string, string>

let h: Harness
let world: World
const cookies = {} as Record<Identity, string>
let zCookie: string
let foreignBefore: Awaited<ReturnType<typeof snapshotOf>>

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  for (const who of identities) cookies[who] = await signInAs(world.who[who].userId, world.who[who].orgId)
  zCookie = await signInAs(world.foreign.zOwner.id, world.foreign.z.id)
  benignForm = {
    intent: 'x',
    orgId: world.foreign.z.id,
    partnerOrgId: world.foreign.y.id,
    partnershipId: world.foreign.partnership.id,
    userId: world.foreign.zOwner.id,
    invitationId: await foreignRecordFor(world, 'invitationId'),
    messageId: await foreignRecordFor(world, 'messageId'),
  }
  // Taken last: everything above may write foreign rows (the foreign owner's session).
  foreignBefore = await snapshotOf(world.foreign)
})

afterAll(async () => {
  await h?.close()
})

const foreignUrl = (e: Pick<Endpoint, 'pattern'>) => fillPattern(e.pattern, (p) => foreignRecordFor(world, p))

async function fetchText(url: string, options: Parameters<Harness['request']>[1]) {
  const res = await h.request(url, options)
  const body = await res.text()
  // Ids the request itself sent (URL, form) may be echoed back (a form reply keeps typed values): not leaks.
  const sent = `${url} ${options?.form ? new URLSearchParams(options.form as Record<string, string>) : ''}`
  return { status: res.status, location: locationOf(res), body, leaks: leaksIn(world, body, sent) }
}

/** Sends a replay body (form, JSON, multipart or raw bytes) as the harness would, with the app's Origin. */
async function send(url: string, cookie: string, body: Body) {
  const init = requestInit(body)
  const headers: Record<string, string> = { cookie, origin: h.origin }
  if (init.contentType) headers['content-type'] = init.contentType
  const res = await fetch(new URL(url, h.origin), {
    method: 'POST',
    headers,
    body: init.body,
    redirect: 'manual',
  })
  const text = await res.text()
  // What the request sent may be echoed back (a form reply keeps typed values): not a leak.
  const sent = `${url} ${'form' in body ? JSON.stringify(body.form) : 'json' in body ? JSON.stringify(body.json) : ''}`
  const errors = [...new Set(text.match(/\b[a-zA-Z]+:errors\.[A-Za-z.]+/g))].join(' ')
  return {
    status: res.status,
    location: locationOf(res),
    body: `${errors} ${text}`,
    leaks: leaksIn(world, text, sent),
  }
}

/** The route's URL for one side, with the records the replay names for some params. */
const filled = (target: Endpoint, replay: Replay, recordFor: typeof ownRecordFor) =>
  fillPattern(target.pattern, (p) => recordFor(world, replay.use?.[p] ?? p))

/** How a replay body finds the records of one side. */
function sideOf(recordFor: typeof ownRecordFor): Side {
  return {
    id: (param) => recordFor(world, param),
    version: async (table, param) => versionOf(table, await recordFor(world, param)),
  }
}

/** A's world as the controls see it: A, its partners and all their people. */
const homeWorld = () => ({
  orgIds: [world.a.org.id, world.r.org.id, world.c.org.id],
  partnershipIds: world.home.partnershipIds,
  userIds: Object.values(world.who).map((w) => w.userId),
})

const isLogin = (location: string | null) => !!location && /^\/login(\?|$)/.test(location)

/** Follows an anonymous redirect chain (e.g. /switch-org → /dashboard → /login): it must reach /login. */
async function anonymousLanding(url: string) {
  let res = await fetchText(url, {})
  const hops = [`${url} → ${res.status} ${res.location ?? ''}`]
  for (let i = 0; i < 4 && [301, 302, 303, 307, 308].includes(res.status); i++) {
    if (isLogin(res.location) || !res.location?.startsWith('/')) break
    res = await fetchText(res.location, {})
    hops.push(`→ ${res.status} ${res.location ?? ''}`)
  }
  return { ...res, hops: hops.join(' ') }
}

describe('controls (the matrix would prove nothing without these)', () => {
  test('every identity is signed in: the dashboard answers 200 with its own org', async () => {
    for (const who of identities) {
      const res = await fetchText('/dashboard', { cookie: cookies[who] })
      expect(res.status, `${who} → /dashboard (${res.location})`).toBe(200)
      expect(res.leaks, who).toEqual([])
    }
  })

  test("the leak detector sees the foreign world in its own owner's pages", async () => {
    const res = await fetchText('/dashboard', { cookie: zCookie })
    expect(res.status).toBe(200)
    expect(res.leaks).toContain(world.marker)
  })

  test('the route list comes from the build and includes the signed-in shell', () => {
    expect(endpoints.map((e) => e.id)).toContain('routes/_app.dashboard')
  })
})

for (const page of pages) {
  const label = `GET ${page.pattern}`
  describe.concurrent(label, () => {
    if (page.isPublic) {
      test('anonymous: answers without error or foreign data', async ({ expect }) => {
        const url = await foreignUrl(page)
        const res = await fetchText(url, {})
        expect(res.status, `${url} → ${res.status}`).toBeLessThan(500)
        expect(res.leaks).toEqual([])
      })
    } else {
      test('anonymous: redirected to /login', async ({ expect }) => {
        const url = await foreignUrl(page)
        const res = await anonymousLanding(url)
        expect(res.leaks).toEqual([])
        expect(isLogin(res.location), res.hops).toBe(true)
      })
    }

    if (page.params.length > 0) {
      test.for(identities)("as %s: another org's record is refused", async (who, { expect }) => {
        const url = await foreignUrl(page)
        const res = await fetchText(url, { cookie: cookies[who] })
        expect(res.leaks, `${who} GET ${url} leaked`).toEqual([])
        expect(foreignGetStatuses, `${who} GET ${url} → ${res.status} ${res.location ?? ''}`).toContain(
          res.status,
        )
      })

      test('as owner: own record answers without a server error (positive control)', async ({ expect }) => {
        const url = await fillPattern(page.pattern, (p) => ownRecordFor(world, p))
        const res = await fetchText(url, { cookie: cookies.owner })
        expect(res.status, `owner GET ${url}`).toBeLessThan(500)
        expect(res.leaks).toEqual([])
      })
    } else {
      test.for(identities)('as %s: no foreign data', async (who, { expect }) => {
        const res = await fetchText(page.pattern, { cookie: cookies[who] })
        expect(res.leaks, `${who} GET ${page.pattern} leaked`).toEqual([])
        const allowed = page.loader ? pageStatuses : [...pageStatuses, 405]
        expect(allowed, `${who} GET ${page.pattern} → ${res.status} ${res.location ?? ''}`).toContain(
          res.status,
        )
        // A signed-in user bounced to /login means the session is broken and the row proves nothing.
        if (!page.isPublic) expect(isLogin(res.location), `${who} sent to ${res.location}`).toBe(false)
      })

      test.for(identities)('as %s: data request carries no foreign data', async (who, { expect }) => {
        const url = dataUrl(page, page.pattern)
        const res = await fetchText(url, { cookie: cookies[who] })
        expect(res.leaks, `${who} GET ${url} leaked`).toEqual([])
        expect(res.status, `${who} GET ${url}`).toBeLessThan(500)
      })
    }
  })
}

for (const target of postTargets.filter((t) => t.params.length > 0 || !t.isPublic)) {
  const label = `POST ${target.pattern}${target.index ? '?index' : ''} (${target.id})`
  describe.concurrent(label, () => {
    if (!target.isPublic) {
      test('anonymous: refused', async ({ expect }) => {
        const url = actionUrl(target, await foreignUrl(target))
        const res = await fetchText(url, { form: benignForm })
        expect(res.leaks).toEqual([])
        const refused =
          ([302, 303].includes(res.status) && isLogin(res.location)) || [403, 405].includes(res.status)
        expect(refused, `anonymous POST ${url} → ${res.status} ${res.location ?? ''}`).toBe(true)
      })
    }
    if (target.params.length === 0) return

    test.for(identities)("as %s: another org's record is refused", async (who, { expect }) => {
      const url = actionUrl(target, await foreignUrl(target))
      const res = await fetchText(url, { cookie: cookies[who], form: benignForm })
      expect(res.leaks, `${who} POST ${url} leaked`).toEqual([])
      expect(foreignPostStatuses, `${who} POST ${url} → ${res.status} ${res.location ?? ''}`).toContain(
        res.status,
      )
    })

    test.for(identities)("as %s: another org's record is refused (data request)", async (who, { expect }) => {
      const url = dataUrl(target, await foreignUrl(target))
      const res = await fetchText(url, { cookie: cookies[who], form: benignForm })
      expect(res.leaks, `${who} POST ${url} leaked`).toEqual([])
      expect(foreignPostStatuses, `${who} POST ${url} → ${res.status}`).toContain(res.status)
    })

    if (!target.action) return
    test('has a valid request to replay (tests/integration/replays.ts)', ({ expect }) => {
      expect(
        replays[target.id]?.length ?? 0,
        `add ${target.id} to replays in tests/integration/replays.ts`,
      ).toBeGreaterThan(0)
    })
    for (const replay of replays[target.id] ?? []) {
      test.for(identities)(
        `as %s: a valid request (${replay.label}) on another org's record is refused with 403/404`,
        async (who, { expect }) => {
          const url = `${actionUrl(target, await filled(target, replay, foreignRecordFor))}${replay.query ?? ''}`
          const res = await send(url, cookies[who], await replay.body(sideOf(foreignRecordFor)))
          expect(res.leaks, `${who} POST ${url} leaked`).toEqual([])
          expect(
            foreignGetStatuses,
            `${who} POST ${url} → ${res.status} ${res.body.slice(0, 200)}`,
          ).toContain(res.status)
        },
      )
    }
  })
}

// Actions without a record in the URL may still take one from the form (an org to switch to, a user to
// invite again): the benign form carries foreign ids. Run one at a time, after everything else, because a
// route that wrongly accepts it may change A's own world.
describe('POST with foreign ids in the form, routes without params', () => {
  for (const target of postTargets.filter((t) => t.params.length === 0 && !t.isPublic)) {
    test.for(identities)(`${target.pattern}${target.index ? '?index' : ''} as %s: refused`, async (who) => {
      const url = actionUrl(target, target.pattern)
      const res = await fetchText(url, { cookie: cookies[who], form: benignForm })
      expect(res.leaks, `${who} POST ${url} leaked`).toEqual([])
      expect(foreignPostStatuses, `${who} POST ${url} → ${res.status} ${res.location ?? ''}`).toContain(
        res.status,
      )
    })
  }
})

// The same valid requests on A's own records must succeed and write, or the refusals above prove nothing.
// One at a time, in the table's order, after the foreign probes: they change A's world.
describe("positive controls: the valid requests succeed on A's own records", () => {
  const controls = postTargets.flatMap((t) =>
    t.params.length > 0 && t.action ? (replays[t.id] ?? []).map((r) => ({ target: t, replay: r })) : [],
  )
  const order = Object.keys(replays)
  controls.sort((a, b) => order.indexOf(a.target.id) - order.indexOf(b.target.id))
  for (const { target, replay } of controls) {
    test(`${target.pattern}: ${replay.label} as ${replay.as ?? 'owner'}`, async () => {
      const who = replay.as ?? 'owner'
      const url = `${actionUrl(target, await filled(target, replay, ownRecordFor))}${replay.query ?? ''}`
      const before = await snapshotOf(homeWorld())
      const res = await send(url, cookies[who], await replay.body(sideOf(ownRecordFor)))
      const said = `${who} POST ${url} → ${res.status} ${res.location ?? ''} ${res.body.slice(0, 300)}`
      if (replay.ownRefusal) {
        expect(res.status, `${said} (${replay.ownRefusal.why})`).toBe(replay.ownRefusal.status)
        expect(res.body, said).toContain(replay.ownRefusal.error)
        return
      }
      const redirected = [302, 303].includes(res.status) && !isLogin(res.location)
      expect(redirected || (res.status >= 200 && res.status < 300), said).toBe(true)
      expect(res.leaks).toEqual([])
      if (replay.noWrite) return
      expect(await snapshotOf(homeWorld()), `${said}: nothing was written`).not.toEqual(before)
    })
  }
})

describe('after the matrix', () => {
  test('the foreign world is unchanged (no request wrote to it)', async () => {
    expect(await snapshotOf(world.foreign)).toEqual(foreignBefore)
  })
})

import { inArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { partnershipAllows } from '#app/features/partners/status-rules.ts'
import { rowsOf } from '#db/rows.ts'
import { type PartnershipStatus, partnerships } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, loadBuild, locationOf, signInAs, startHarness } from './harness.ts'
import { ownRecordFor, publicTables, snapshotOf, tableCandidates } from './records.ts'
import { type Body, type Replay, replays, requestInit, type Side, versionOf } from './replays.ts'
import { actionUrl, type Endpoint, endpointsOf, fillPattern } from './routes.ts'
import { createWorld, type Identity, identities, type World } from './world.ts'

/**
 * Decision 0024: a partnership's status bounds what its sides may do. Every valid request of the replays table
 * whose record belongs to a partnership is sent, as each side of it, on a suspended and on an ended partnership:
 * refused with a 4xx and nothing written, unless the status allows the replay's action (paying an issued invoice
 * on a suspended one). Reading stays open: the records' pages answer as they did while active. Then a sibling
 * partner (retailer R, customer C of the same host) replays the same requests against the other's records.
 * Generated from the replays table, so new action routes are covered without edits.
 */

const build = await loadBuild()
const endpoints = endpointsOf(build)
const targets = endpoints.filter((e) => e.action && e.params.length > 0)
const pages = [...new Map(endpoints.filter((e) => e.loader).map((e) => [e.pattern, e])).values()].filter(
  (e) => e.params.length > 0,
)
const cases = targets.flatMap((target) => (replays[target.id] ?? []).map((replay) => ({ target, replay })))

type Snapshot = Awaited<ReturnType<typeof snapshotOf>>

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})

afterAll(async () => {
  await h?.close()
})

/** A world whose people are signed in. */
async function signedInWorld() {
  const world = await createWorld()
  const cookies = {} as Record<Identity, string>
  for (const who of identities) cookies[who] = await signInAs(world.who[who].userId, world.who[who].orgId)
  return { world, cookies }
}

async function setStatus(world: World, status: PartnershipStatus) {
  const ids = [world.partnerships.ar.id, world.partnerships.ac.id]
  await asSystem((tx) => tx.update(partnerships).set({ status }).where(inArray(partnerships.id, ids)))
}

/** A's world as a whole: A, its partners and all their people. */
const homeWorld = (world: World) => ({
  orgIds: [world.a.org.id, world.r.org.id, world.c.org.id],
  partnershipIds: world.home.partnershipIds,
  userIds: Object.values(world.who).map((w) => w.userId),
})

/** The partnership a record belongs to, found by its table's `partnership_id` (null: an org's own record). */
async function partnershipOf(param: string, id: string): Promise<string | null> {
  const tables = await publicTables()
  const table = tables.has(param) ? param : tableCandidates(param).find((t) => tables.has(t))
  if (!table) return null
  if (table === 'partnerships') return id
  if (!tables.get(table)?.includes('partnership_id')) return null
  const [row] = await asSystem((tx) =>
    rowsOf<{ partnershipId: string | null }>(
      tx,
      sql`select partnership_id::text as "partnershipId" from ${sql.identifier(table)} where id::text = ${id}`,
    ),
  )
  return row?.partnershipId ?? null
}

/** A replay's URL and body on A's own records, and the partnership they belong to (URL params or body ids). */
async function prepare(world: World, target: Endpoint, replay: Replay) {
  // By the route param or table that names the record's table (`draftQuoteId` is a row of `quotes`).
  const named: Array<[string, string]> = []
  const idOf = async (param: string, as = param) => {
    const id = await ownRecordFor(world, param)
    named.push([as, id])
    return id
  }
  const path = await fillPattern(target.pattern, (p) => idOf(replay.use?.[p] ?? p, p))
  const url = `${actionUrl(target, path)}${replay.query ?? ''}`
  const side: Side = {
    id: (param) => idOf(param),
    version: async (table, param) => versionOf(table, await idOf(param, table)),
  }
  const body = await replay.body(side)
  let partnershipId: string | null = null
  for (const [param, id] of named) partnershipId ??= await partnershipOf(param, id)
  return { url, body, partnershipId }
}

/** The partner's signed-in identity on a partnership of A. */
function partnerOn(world: World, partnershipId: string): Identity {
  return partnershipId === world.partnerships.ar.id ? 'partner-retailer' : 'customer-portal'
}

const isHost = (who: Identity) => who !== 'partner-retailer' && who !== 'customer-portal'

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
  const errors = [...new Set(text.match(/\b[a-zA-Z]+:errors\.[A-Za-z.]+/g))].join(' ')
  return {
    status: res.status,
    said: `${res.status} ${locationOf(res) ?? ''} ${errors} ${text.slice(0, 200)}`,
  }
}

async function getStatus(url: string, cookie: string) {
  const res = await fetch(new URL(url, h.origin), { headers: { cookie }, redirect: 'manual' })
  await res.arrayBuffer()
  return res.status
}

/**
 * The tables whose rows differ between two snapshots, each with its rows that came or went. Not `sessions`: any
 * request touches its own session once a minute (a slow run crosses that), and that records no partnership's data.
 */
function changedTables(before: Snapshot, after: Snapshot) {
  return Object.keys(after)
    .filter((t) => t !== 'sessions' && JSON.stringify(before[t]) !== JSON.stringify(after[t]))
    .map((t) => ({
      table: t,
      gone: before[t]?.filter((r) => !after[t].includes(r)),
      came: after[t].filter((r) => !before[t]?.includes(r)),
    }))
}

const succeeded = (status: number) => status >= 200 && status < 400

for (const status of ['suspended', 'ended'] as const) {
  describe(`a ${status} partnership`, () => {
    let world: World
    let cookies: Record<Identity, string>
    // Each partnership-scoped page, as each side, and what it answered while the partnership was active.
    const activeReads: Array<{ url: string; who: Identity; status: number }> = []

    beforeAll(async () => {
      ;({ world, cookies } = await signedInWorld())
      for (const page of pages) {
        const named: Array<[string, string]> = []
        const url = await fillPattern(page.pattern, async (p) => {
          const id = await ownRecordFor(world, p)
          named.push([p, id])
          return id
        })
        let partnershipId: string | null = null
        for (const [param, id] of named) partnershipId ??= await partnershipOf(param, id)
        if (!partnershipId) continue
        for (const who of ['owner', partnerOn(world, partnershipId)] as const) {
          activeReads.push({ url, who, status: await getStatus(url, cookies[who]) })
        }
      }
      await setStatus(world, status)
    })

    test('the controls: the world has partnership-scoped pages and requests', () => {
      expect(activeReads.filter((r) => r.status === 200).length).toBeGreaterThan(0)
      expect(cases.length).toBeGreaterThan(0)
    })

    test("the records' pages answer as they did while active (reading history)", async () => {
      for (const read of activeReads) {
        expect(await getStatus(read.url, cookies[read.who]), `${read.who} GET ${read.url}`).toBe(read.status)
      }
    })

    for (const { target, replay } of cases) {
      test(`${target.pattern}: ${replay.label}, as each side`, async ({ skip }) => {
        const probe = await prepare(world, target, replay)
        if (!probe.partnershipId) skip(`not a partnership's record`)
        const partnershipId = probe.partnershipId as string
        const meant = replay.as ?? 'owner'
        const other = isHost(meant) ? partnerOn(world, partnershipId) : 'owner'
        const allowed = partnershipAllows(status, replay.action ?? 'write')
        for (const who of [meant, other]) {
          // Fresh body per request: idempotency keys and versions.
          const { url, body } = await prepare(world, target, replay)
          const before = await snapshotOf(homeWorld(world))
          const res = await send(url, cookies[who], body)
          const said = `${who} POST ${url} on ${status} → ${res.said}`
          expect(res.status, said).toBeLessThan(500)
          if (allowed && who === meant && !replay.ownRefusal) {
            expect(succeeded(res.status), said).toBe(true)
            continue
          }
          if (allowed) continue
          expect(res.status, said).toBeGreaterThanOrEqual(400)
          expect(changedTables(before, await snapshotOf(homeWorld(world))), `${said}: written`).toEqual([])
        }
      })
    }
  })
}

describe('sibling partners (retailer R and customer C of the same host)', () => {
  let world: World
  let cookies: Record<Identity, string>

  beforeAll(async () => {
    ;({ world, cookies } = await signedInWorld())
  })

  for (const { target, replay } of cases) {
    test(`${target.pattern}: ${replay.label}, by the other partner`, async ({ skip }) => {
      const { url, body, partnershipId } = await prepare(world, target, replay)
      if (!partnershipId) skip(`not a partnership's record`)
      const sibling: Identity =
        partnerOn(world, partnershipId as string) === 'partner-retailer'
          ? 'customer-portal'
          : 'partner-retailer'
      const before = await snapshotOf(homeWorld(world))
      const res = await send(url, cookies[sibling], body)
      const said = `${sibling} POST ${url} → ${res.said}`
      expect([403, 404], said).toContain(res.status)
      expect(changedTables(before, await snapshotOf(homeWorld(world))), `${said}: written`).toEqual([])
    })
  }
})

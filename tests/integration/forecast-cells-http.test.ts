import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createPlan, type PlanPeople, planPeople } from './forecast-plan.ts'
import { type Harness, startHarness } from './harness.ts'
import { createWorld, type World } from './world.ts'

// The grid's JSON endpoint answers a refusal with the status that says why: 409 for a version conflict (with the
// saved figure in the body), 403 for a caller who may not change the line, 422 for a figure out of range, 400 for a
// body it cannot read, 404 for another org's plan. A save with no conflict is 200.

let h: Harness
let world: World
let people: PlanPeople
let forecastId: string
let rows: string[]
const weeks = ['2027-01-04', '2027-01-11']

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  people = await planPeople(world)
  const tag = Math.random().toString(36).slice(2, 8).toUpperCase()
  ;({ forecastId, rows } = await createPlan(world, people.host.userId, {
    name: `Cells HTTP ${tag}`,
    weeks,
    products: [{ sku: `CH-${tag}`, name: 'Kettle' }],
  }))
})
afterAll(async () => {
  await h?.close()
})

type Answer = {
  ok: boolean
  error?: string
  result?: { conflicts: { theirs: number | null; version: number }[] }
}

async function post(who: keyof PlanPeople['cookies'], body: unknown) {
  const res = await fetch(`${h.origin}/forecasts/${forecastId}/cells`, {
    method: 'POST',
    headers: {
      cookie: people.cookies[who],
      origin: h.origin,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json().catch(() => null)) as Answer | null }
}

const save = (value: number, baseVersion: number) => ({
  intent: 'save',
  line: 'host',
  cells: [{ productId: rows[0], weekStart: weeks[0], value, baseVersion }],
})

describe('POST /forecasts/:id/cells', () => {
  test('a save over a figure someone saved since is 409 with the saved figure; a clean save is 200', async () => {
    const first = await post('host', save(120, 0))
    expect(first.status).toBe(200)
    expect(first.body?.ok).toBe(true)
    const stale = await post('host', save(90, 0))
    expect(stale.status).toBe(409)
    expect(stale.body?.ok).toBe(false)
    expect(stale.body?.result?.conflicts).toEqual([expect.objectContaining({ theirs: 120, version: 1 })])
  })

  test('a viewer is 403, a figure out of range 422, an unreadable body 400, a foreign org 404', async () => {
    const viewer = await post('viewer', save(5, 1))
    expect(viewer.status).toBe(403)
    expect(viewer.body).toMatchObject({ ok: false, error: 'forecasts:errors.readOnly' })
    const negative = await post('host', save(-4, 1))
    expect(negative.status).toBe(422)
    expect(negative.body?.ok).toBe(false)
    expect((await post('host', { intent: 'save', line: 'host' })).status).toBe(400)
    expect((await post('foreign', save(5, 1))).status).toBe(404)
  })
})

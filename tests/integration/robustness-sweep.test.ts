import { writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Harness, loadBuild, signInAs, startHarness } from './harness.ts'
import { actionUrl, endpointsOf } from './routes.ts'
import { type Probe, probesFor, rawRequest, serverFault } from './sweep-probes.ts'
import { createSweepWorld, recordFor, type SweepWorld } from './sweep-world.ts'

/**
 * docs/architecture.md, “Who checks what”: every route answers malformed input with a 4xx. Generated from the built server's route list:
 * every route × {malformed multipart, broken url-encoding, JSON sent to a form action, NUL and 20-digit numbers
 * in every query parameter it reads, invalid ids in path params, an oversize body}, as an anonymous visitor and as
 * a manager of an org with real records behind every param. Never a 5xx, never a stack trace in the body.
 */

const build = await loadBuild()
const endpoints = endpointsOf(build)
const identities = ['anonymous', 'manager'] as const

let h: Harness
let world: SweepWorld
const records = new Map<string, Promise<string>>()
const faults: string[] = []
let requests = 0

beforeAll(async () => {
  h = await startHarness({ production: true })
  world = await createSweepWorld()
})

afterAll(async () => {
  console.info(`robustness sweep: ${requests} requests, ${faults.length} server errors`)
  if (process.env.SWEEP_FAULTS_FILE) writeFileSync(process.env.SWEEP_FAULTS_FILE, faults.join('\n'))
  await h?.close()
})

function fill(param: string) {
  let id = records.get(param)
  if (!id) {
    id = recordFor(world, param)
    records.set(param, id)
  }
  return id
}

async function check(probe: Probe, cookie: string | null) {
  const headers: Record<string, string> = { ...probe.headers }
  if (probe.method === 'POST') headers.origin = h.origin
  if (cookie) headers.cookie = cookie
  const res = await rawRequest(h.origin, probe, headers)
  requests++
  const fault = serverFault(res.status, res.body)
  if (!fault) return null
  const line = `${probe.method} ${probe.url.slice(0, 120)} [${probe.label}]${cookie ? ' signed in' : ''} → ${fault}`
  faults.push(line)
  return line
}

test('the route list comes from the build and includes the signed-in shell', () => {
  expect(endpoints.map((e) => e.id)).toContain('routes/_app.dashboard')
})

// One concurrent group (vitest's maxConcurrency bounds it): each test sends its probes one after another.
describe.concurrent('bad input never gets a server error', () => {
  for (const endpoint of endpoints) {
    const label = `${endpoint.pattern}${endpoint.index ? '?index' : ''} (${endpoint.id})`
    test.for(identities)(`${label} as %s`, { timeout: 180_000 }, async (who, { expect }) => {
      const probes = await probesFor(endpoint, fill, (url) => actionUrl(endpoint, url))
      const signIn = () => signInAs(world.managerId, world.orgId)
      const session = who === 'manager' ? await signIn() : null
      const found: string[] = []
      for (const probe of probes) {
        // A POST gets a session of its own, so a probe of /logout or /switch-org cannot change the others'.
        const cookie = who === 'manager' && probe.method === 'POST' ? await signIn() : session
        const fault = await check(probe, cookie)
        if (fault) found.push(fault)
      }
      expect(found).toEqual([])
    })
  }
})

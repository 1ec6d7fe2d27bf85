import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { auditEvents, emailOutbox, invitations, partnerships } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, signInAs, startHarness } from './harness.ts'
import { createWorld, type World } from './world.ts'

// The access matrix checks everyone against a foreign manufacturer's world. This checks the closer neighbour:
// a partner of host A must see its own partnership with A and nothing else of A's (docs/architecture.md, “Partnerships and sides”: "must never see
// another partner's anything").

let h: Harness
let world: World
let retailer: string
let customer: string
let hostOutboxId: string
let hostInvitationId: string

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  retailer = await signInAs(world.r.owner.id, world.r.org.id)
  customer = await signInAs(world.c.portal.id, world.c.org.id)
  const [outbox] = await asSystem((tx) =>
    tx.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.orgId, world.a.org.id)),
  )
  const [invitation] = await asSystem((tx) =>
    tx.select({ id: invitations.id }).from(invitations).where(eq(invitations.orgId, world.a.org.id)),
  )
  hostOutboxId = outbox.id
  hostInvitationId = invitation.id
})

afterAll(async () => {
  await h?.close()
})

async function get(path: string, cookie: string) {
  const res = await h.request(path, { cookie })
  return { status: res.status, body: await res.text() }
}

describe('a retailer partner of A', () => {
  test('sees its own partnership with A, and not A’s partnership with another partner', async () => {
    const own = await get(`/partners/${world.partnerships.ar.id}`, retailer)
    expect(own.status).toBe(200)
    expect(own.body).toContain(world.a.org.name)
    const other = await get(`/partners/${world.partnerships.ac.id}`, retailer)
    expect(other.status).toBe(404)
    expect(other.body).not.toContain(world.c.org.name)
  })

  test('the partner directory lists A and never A’s other partners', async () => {
    const list = await get('/partners', retailer)
    expect(list.status).toBe(200)
    expect(list.body).toContain(world.a.org.name)
    expect(list.body).not.toContain(world.c.org.name)
    const searched = await get(`/partners?q=${encodeURIComponent(world.c.org.name)}`, retailer)
    // The search box echoes the name typed; no row may link to A's partnership with C.
    expect(searched.status).toBe(200)
    expect(searched.body).not.toContain(world.partnerships.ac.id)
  })

  test('cannot open A’s members, outbox or invitations through its own admin pages', async () => {
    const member = world.a.members.manager
    for (const path of [
      `/admin/users/${member.id}`,
      `/admin/outbox/${hostOutboxId}`,
      `/admin/outbox/${hostOutboxId}/preview`,
    ]) {
      const res = await get(path, retailer)
      expect([403, 404], path).toContain(res.status)
    }
    const users = await get('/admin/users', retailer)
    expect(users.body).not.toContain(member.email)
    expect(users.body).not.toContain(hostInvitationId)
    const audit = await get('/admin/audit', retailer)
    expect(audit.body).not.toContain('test.home')
  })

  test('cannot change the status of its partnership, which only the host may do', async () => {
    const before = world.partnerships.ar
    const res = await h.request(`/partners/${before.id}`, {
      cookie: retailer,
      form: { intent: 'suspend', version: String(before.version) },
    })
    expect(res.status).toBe(403)
    const [after] = await asSystem((tx) =>
      tx.select().from(partnerships).where(eq(partnerships.id, before.id)),
    )
    expect(after.status).toBe(before.status)
    expect(after.version).toBe(before.version)
    const audited = await asSystem((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.targetId, before.id)),
    )
    expect(audited.filter((e) => e.action.startsWith('partnership.sus'))).toEqual([])
  })
})

describe('a portal customer of A', () => {
  test('sees its own partnership and not the retailer’s', async () => {
    expect((await get(`/partners/${world.partnerships.ac.id}`, customer)).status).toBe(200)
    const other = await get(`/partners/${world.partnerships.ar.id}`, customer)
    expect(other.status).toBe(404)
    const list = await get('/partners', customer)
    expect(list.body).toContain(world.a.org.name)
    expect(list.body).not.toContain(world.r.org.name)
  })
})

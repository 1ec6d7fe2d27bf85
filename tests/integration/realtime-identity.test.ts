import crypto from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import type { MessageDTO } from '#app/features/chat/message-types.ts'
import { publish, reauthorize, rooms } from '#app/lib/realtime/publish.server.ts'
import { memberships, type Role } from '#db/schema/index.ts'
import { createChannelRecord } from '#db/seed/collaboration-factory.ts'
import { createMember, createOrg, createPartnership } from '#db/seed/factories.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, signInAs, startHarness } from './harness.ts'
import { collect, connected, connectSocket, joinChannel, nextEvent } from './socket-client.ts'

// Identity changes while sockets live (docs/architecture.md, “Who checks what”): switching org, deactivation, a role change, removal from an
// org, and a partnership's suspension or end take effect on open sockets at once. After the change no push reaches
// the socket from a room it may no longer open, and joining that room again is refused.

let h: Harness
const open: Socket[] = []

beforeAll(async () => {
  h = await startHarness({ realtime: true })
})

afterEach(() => {
  for (const s of open.splice(0)) s.disconnect()
})

afterAll(async () => {
  await h?.close()
})

/** A manufacturer with an owner, a colleague in `role` and a staff-only channel. */
async function staffOrg(role: Role = 'member') {
  return asSystem(async (tx) => {
    const org = await createOrg(tx, { kind: 'manufacturer' })
    const owner = await createMember(tx, { orgId: org.id, role: 'owner' })
    const colleague = await createMember(tx, { orgId: org.id, role })
    const internal = await createChannelRecord(tx, {
      orgId: org.id,
      partnershipId: null,
      kind: 'internal',
      name: 'Staff room',
    })
    return { org, owner, colleague, internal }
  })
}

/** A host with an owner, a retailer with an owner, their active partnership and its channel. */
async function partnered() {
  return asSystem(async (tx) => {
    const host = await createOrg(tx, { kind: 'manufacturer' })
    const hostOwner = await createMember(tx, { orgId: host.id, role: 'owner' })
    const retailer = await createOrg(tx, { kind: 'retailer' })
    const retailerOwner = await createMember(tx, { orgId: retailer.id, role: 'owner' })
    const partnership = await createPartnership(tx, { hostOrgId: host.id, partnerOrgId: retailer.id })
    const channel = await createChannelRecord(tx, {
      orgId: host.id,
      partnershipId: partnership.id,
      kind: 'partnership',
      name: 'Shared',
    })
    return { host, hostOwner, retailer, retailerOwner, partnership, channel }
  })
}

async function socketOf(cookie: string) {
  const socket = connectSocket(h.origin, { cookie })
  open.push(socket)
  await connected(socket)
  return socket
}

async function post(cookie: string, channelId: string, body: string) {
  const response = await h.request(`/chat/${channelId}/messages`, {
    cookie,
    form: { body, clientId: crypto.randomUUID() },
    headers: { accept: 'application/json' },
  })
  expect(response.status).toBe(201)
}

/**
 * Posts in the channel as someone who may, waits until that person's own socket has the push (so it has gone out
 * to the room), then checks the cut-off socket got nothing and cannot join again.
 */
async function expectCutOff(input: {
  cutOff: Socket
  channelId: string
  poster: { cookie: string; socket: Socket }
  body: string
}) {
  const leaked = collect<MessageDTO>(input.cutOff, 'message:new')
  const delivered = nextEvent<MessageDTO>(
    input.poster.socket,
    'message:new',
    3000,
    (m) => m.body === input.body,
  )
  await post(input.poster.cookie, input.channelId, input.body)
  await delivered
  await new Promise((r) => setTimeout(r, 200))
  expect(leaked.map((m) => m.body)).toEqual([])
  expect(await joinChannel(input.cutOff, input.channelId)).toEqual({ ok: false, error: 'not_found' })
}

describe('identity changes reach open sockets', () => {
  test('switching org moves the socket: the first org’s staff channel is heard no more', async () => {
    const first = await staffOrg()
    const second = await asSystem(async (tx) => {
      const org = await createOrg(tx, { kind: 'manufacturer' })
      await tx.insert(memberships).values({ orgId: org.id, userId: first.colleague.id, role: 'member' })
      return org
    })
    const cookie = await signInAs(first.colleague.id, first.org.id)
    const socket = await socketOf(cookie)
    expect(await joinChannel(socket, first.internal.id)).toEqual({ ok: true })
    const ownerCookie = await signInAs(first.owner.id, first.org.id)
    const ownerSocket = await socketOf(ownerCookie)
    await joinChannel(ownerSocket, first.internal.id)

    const switched = await h.request('/switch-org', { cookie, form: { orgId: second.id } })
    expect(switched.status).toBe(302)

    await expectCutOff({
      cutOff: socket,
      channelId: first.internal.id,
      poster: { cookie: ownerCookie, socket: ownerSocket },
      body: 'After the switch',
    })
  })

  test('a member deactivated while their session sits in another org hears nothing more', async () => {
    const first = await staffOrg()
    const second = await asSystem(async (tx) => {
      const org = await createOrg(tx, { kind: 'manufacturer' })
      await tx.insert(memberships).values({ orgId: org.id, userId: first.colleague.id, role: 'member' })
      return org
    })
    const cookie = await signInAs(first.colleague.id, first.org.id)
    const socket = await socketOf(cookie)
    expect(await joinChannel(socket, first.internal.id)).toEqual({ ok: true })
    const ownerCookie = await signInAs(first.owner.id, first.org.id)
    const ownerSocket = await socketOf(ownerCookie)
    await joinChannel(ownerSocket, first.internal.id)
    // The session moves on to the second org (deactivation in the first then leaves it alive).
    expect((await h.request('/switch-org', { cookie, form: { orgId: second.id } })).status).toBe(302)

    const deactivated = await h.request(`/admin/users/${first.colleague.id}`, {
      cookie: ownerCookie,
      form: { intent: 'status', status: 'deactivated' },
    })
    expect(deactivated.status).toBe(200)

    expect(socket.connected).toBe(true)
    await expectCutOff({
      cutOff: socket,
      channelId: first.internal.id,
      poster: { cookie: ownerCookie, socket: ownerSocket },
      body: 'After the deactivation',
    })
  })

  test('a member deactivated in the org of their session is disconnected', async () => {
    const { org, owner, colleague } = await staffOrg()
    const socket = await socketOf(await signInAs(colleague.id, org.id))
    const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()))
    const ownerCookie = await signInAs(owner.id, org.id)
    const response = await h.request(`/admin/users/${colleague.id}`, {
      cookie: ownerCookie,
      form: { intent: 'status', status: 'deactivated' },
    })
    expect(response.status).toBe(200)
    await gone
    expect(socket.connected).toBe(false)
  })

  test('a member demoted to portal leaves the staff channel and may not join it again', async () => {
    const { org, owner, colleague, internal } = await staffOrg()
    const cookie = await signInAs(colleague.id, org.id)
    const socket = await socketOf(cookie)
    expect(await joinChannel(socket, internal.id)).toEqual({ ok: true })
    const ownerCookie = await signInAs(owner.id, org.id)
    const ownerSocket = await socketOf(ownerCookie)
    await joinChannel(ownerSocket, internal.id)

    const demoted = await h.request(`/admin/users/${colleague.id}`, {
      cookie: ownerCookie,
      form: { intent: 'role', role: 'portal' },
    })
    expect(demoted.status).toBe(200)

    await expectCutOff({
      cutOff: socket,
      channelId: internal.id,
      poster: { cookie: ownerCookie, socket: ownerSocket },
      body: 'After the demotion',
    })
  })

  test('a member whose membership is removed loses the org’s rooms and may not join again', async () => {
    const { org, owner, colleague, internal } = await staffOrg()
    const socket = await socketOf(await signInAs(colleague.id, org.id))
    expect(await joinChannel(socket, internal.id)).toEqual({ ok: true })
    const ownerCookie = await signInAs(owner.id, org.id)
    const ownerSocket = await socketOf(ownerCookie)
    await joinChannel(ownerSocket, internal.id)
    const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()))

    // Removal deletes the membership and re-authorizes the person, as every identity change does.
    await asSystem((tx) =>
      tx.delete(memberships).where(and(eq(memberships.orgId, org.id), eq(memberships.userId, colleague.id))),
    )
    reauthorize([rooms.user(colleague.id)])

    // With no membership the session no longer stands: the socket is closed.
    await gone
    const leaked = collect<MessageDTO>(socket, 'message:new')
    const delivered = nextEvent<MessageDTO>(ownerSocket, 'message:new')
    await post(ownerCookie, internal.id, 'After the removal')
    await delivered
    expect(leaked).toEqual([])
  })

  test('a join is checked against the membership of that moment, not the one at connection', async () => {
    const { org, colleague, internal } = await staffOrg()
    const socket = await socketOf(await signInAs(colleague.id, org.id))
    await asSystem((tx) =>
      tx
        .update(memberships)
        .set({ role: 'portal' })
        .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, colleague.id))),
    )
    expect(await joinChannel(socket, internal.id)).toEqual({ ok: false, error: 'not_found' })
  })

  for (const intent of ['suspend', 'end'] as const) {
    test(`a partnership’s ${intent === 'suspend' ? 'suspension' : 'end'} takes its channel from both sides’ sockets`, async () => {
      const world = await partnered()
      const retailer = await socketOf(await signInAs(world.retailerOwner.id, world.retailer.id))
      const hostCookie = await signInAs(world.hostOwner.id, world.host.id)
      const host = await socketOf(hostCookie)
      expect(await joinChannel(retailer, world.channel.id)).toEqual({ ok: true })
      expect(await joinChannel(host, world.channel.id)).toEqual({ ok: true })

      const form: Record<string, string> = { intent, version: String(world.partnership.version) }
      if (intent === 'end') form.reason = 'Contract over'
      const changed = await h.request(`/partners/${world.partnership.id}`, { cookie: hostCookie, form })
      expect(changed.status).toBe(302)

      // Nothing new may happen in a closed partnership, so anything pushed to its room must reach no one. The
      // control push to the host's user room shows pushes still flow.
      const leakedToRetailer = collect(retailer, 'message:new')
      const leakedToHost = collect(host, 'message:new')
      const delivered = nextEvent(host, 'notification:new')
      publish(rooms.channel(world.channel.id), 'message:new', { channelId: world.channel.id, body: 'late' })
      publish(rooms.user(world.hostOwner.id), 'notification:new', { orgId: world.host.id, id: 'control' })
      await delivered
      await new Promise((r) => setTimeout(r, 200))
      expect(leakedToRetailer).toEqual([])
      expect(leakedToHost).toEqual([])
      expect(await joinChannel(retailer, world.channel.id)).toEqual({ ok: false, error: 'not_found' })
      expect(await joinChannel(host, world.channel.id)).toEqual({ ok: false, error: 'not_found' })
    })
  }
})

import { createSession } from '#app/features/auth/session.server.ts'
import { generateToken, hashToken } from '#app/lib/tokens.server.ts'
import type { Tx } from '#db/client.ts'
import {
  auditEvents,
  downloads,
  emailOutbox,
  invitations,
  jobs,
  numberSequences,
  type Organization,
  type Partnership,
  passwordResets,
  products,
  promotionEvents,
  promotions,
  type Role,
  roles,
  type User,
} from '#db/schema/index.ts'
import { createInvoiceRecord, createQuoteRecord } from '#db/seed/billing-factory.ts'
import {
  attachDocumentRecord,
  createChannelRecord,
  createDocumentRecord,
  createFolderRecord,
  createMessageRecord,
  createReactionRecord,
  markReadRecord,
  recordDownloadRecord,
} from '#db/seed/collaboration-factory.ts'
import { createMember, createOrg, createPartnership } from '#db/seed/factories.ts'
import { createAllocationRecord, createFundRecord } from '#db/seed/fund-factory.ts'
import {
  createClaimRecord,
  createNotificationRecord,
  createPromotionProductRecord,
} from '#db/seed/promotion-factory.ts'
import { asSystem } from '#db/tenant.ts'
import { createForecastRows } from './world-forecasts.ts'

/**
 * The standard world of the security suites. Org A (a manufacturer) has one member in every role and two
 * partners (retailer R, customer C). A FOREIGN world — manufacturer Z, its retailer Y, their partnership and
 * everything hanging off it — must never show up for anyone in A, R or C. Every foreign name, email and subject
 * carries `world.marker`, so one substring search of a response body finds any leak.
 *
 * When a new table holds org or partnership data, add a foreign row of it in `createForeign` (and a home row in
 * `createHome` if its routes need one): the access matrix finds records for route params by table name.
 */

/** Who the matrix signs in as: every role of A, plus a partner retailer's owner and a customer's portal user. */
export const identities = [...roles, 'partner-retailer', 'customer-portal'] as const
export type Identity = (typeof identities)[number]

/** The ids that decide whether a row belongs to a world. */
export type Scope = { orgIds: string[]; partnershipIds: string[]; userIds: string[] }

/**
 * The records route params name, by param (`quoteId`, `channelId`, ...), chosen so that they hang together: the
 * message is in the channel, the version belongs to the document, the claim to the promotion.
 */
export type Records = Record<string, string>

export type World = {
  marker: string
  a: { org: Organization; members: Record<Role, User> }
  r: { org: Organization; owner: User }
  c: { org: Organization; portal: User }
  partnerships: { ar: Partnership; ac: Partnership }
  /** A's own records (A, its partnerships and people). */
  home: Scope
  foreign: Scope & {
    z: Organization
    y: Organization
    zOwner: User
    yOwner: User
    partnership: Partnership
    /** Strings and ids that must never appear in a response to A, R or C. */
    markers: string[]
  }
  who: Record<Identity, { userId: string; orgId: string }>
  records: { home: Records; foreign: Records }
}

const later = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000)

async function createHome(tx: Tx, tag: string) {
  const org = await createOrg(tx, { kind: 'manufacturer', name: `Home ${tag} Appliances` })
  const members = {} as Record<Role, User>
  for (const role of roles) {
    members[role] = await createMember(tx, {
      orgId: org.id,
      role,
      email: `${tag}-${role}@home.test`,
      name: `Home ${role} ${tag}`,
    })
  }
  const r = await createOrg(tx, { kind: 'retailer', name: `Home ${tag} Retail` })
  const rOwner = await createMember(tx, { orgId: r.id, role: 'owner', email: `${tag}-r-owner@home.test` })
  const c = await createOrg(tx, { kind: 'customer', name: `Home ${tag} Hotels` })
  const cPortal = await createMember(tx, { orgId: c.id, role: 'portal', email: `${tag}-c-portal@home.test` })
  const ar = await createPartnership(tx, {
    hostOrgId: org.id,
    partnerOrgId: r.id,
    kind: 'channel',
    accountManagerId: members.manager.id,
  })
  const ac = await createPartnership(tx, { hostOrgId: org.id, partnerOrgId: c.id, kind: 'customer' })
  await tx.insert(auditEvents).values({ orgId: org.id, actorUserId: members.owner.id, action: 'test.home' })
  const [outbox] = await tx
    .insert(emailOutbox)
    .values({
      orgId: org.id,
      template: 'test',
      toAddress: rOwner.email,
      subject: `Home ${tag} message`,
      html: '<p>home</p>',
      text: 'home',
    })
    .returning()
  const [invitation] = await tx
    .insert(invitations)
    .values({
      tokenHash: hashToken(generateToken()),
      orgId: org.id,
      invitedByOrgId: org.id,
      email: `${tag}-invitee@home.test`,
      role: 'member',
      invitedById: members.owner.id,
      expiresAt: later(7),
    })
    .returning()
  const billing = await createBillingRows(tx, {
    hostOrgId: org.id,
    partnershipId: ac.id,
    ownerId: members.owner.id,
    label: `Home ${tag}`,
  })
  const collaboration = await createCollaborationRows(tx, {
    hostOrgId: org.id,
    hostUserId: members.owner.id,
    partnerOrgId: r.id,
    partnerUserId: rOwner.id,
    partnershipId: ar.id,
    label: `Home ${tag}`,
  })
  const records: Records = {
    ...billing,
    ...collaboration,
    partnershipId: ac.id,
    userId: members.member.id,
    messageId: outbox.id,
    invitationId: invitation.id,
  }
  return { org, members, r, rOwner, c, cPortal, ar, ac, records }
}

/**
 * The partnership's channel with a message, reaction, read mark and attachment; an internal channel; a shared
 * folder with a document the partner uploaded and the host downloaded; an internal folder with a document.
 */
async function createCollaborationRows(
  tx: Tx,
  input: {
    hostOrgId: string
    hostUserId: string
    partnerOrgId: string
    partnerUserId: string
    partnershipId: string
    label: string
  },
) {
  const { hostOrgId, hostUserId, partnerOrgId, partnerUserId, partnershipId, label } = input
  const shared = { orgId: hostOrgId, partnershipId }
  const channel = await createChannelRecord(tx, { ...shared, kind: 'partnership', name: `${label} channel` })
  const internal = await createChannelRecord(tx, {
    orgId: hostOrgId,
    partnershipId: null,
    kind: 'internal',
    name: `${label} internal`,
  })
  const folder = await createFolderRecord(tx, { ...shared, name: `${label} shared folder` })
  const privateFolder = await createFolderRecord(tx, {
    orgId: hostOrgId,
    partnershipId: null,
    name: `${label} internal folder`,
  })
  const { document, versions } = await createDocumentRecord(tx, {
    folder,
    name: `${label} price list.pdf`,
    uploadedById: partnerUserId,
    uploaderOrgId: partnerOrgId,
    versions: [{ byteSize: 10, contentType: 'application/pdf' }],
  })
  const internalDoc = await createDocumentRecord(tx, {
    folder: privateFolder,
    name: `${label} margins.pdf`,
    uploadedById: hostUserId,
    uploaderOrgId: hostOrgId,
    versions: [{ byteSize: 10, contentType: 'application/pdf' }],
  })
  await recordDownloadRecord(tx, {
    document,
    versionId: versions[0].id,
    userId: hostUserId,
    downloaderOrgId: hostOrgId,
  })
  const message = await createMessageRecord(tx, {
    channel,
    authorId: partnerUserId,
    authorOrgId: partnerOrgId,
    body: `${label} message`,
  })
  await createMessageRecord(tx, {
    channel: internal,
    authorId: hostUserId,
    authorOrgId: hostOrgId,
    body: `${label} internal message`,
  })
  await createReactionRecord(tx, { message, userId: hostUserId, emoji: '👍' })
  await markReadRecord(tx, { channel, userId: hostUserId, lastReadId: message.id })
  await attachDocumentRecord(tx, { message, documentId: document.id })
  return {
    channelId: channel.id,
    internalChannelId: internal.id,
    folderId: folder.id,
    privateFolderId: privateFolder.id,
    documentId: document.id,
    documentVersionId: versions[0].id,
    internalDocumentId: internalDoc.document.id,
    chatMessageId: String(message.id),
  }
}

/** A product, a sent quote, an issued invoice with a payment, a number sequence, a job and a download. */
async function createBillingRows(
  tx: Tx,
  input: { hostOrgId: string; partnershipId: string; ownerId: string; label: string },
) {
  const { hostOrgId, partnershipId, ownerId, label } = input
  const [product] = await tx
    .insert(products)
    .values({
      orgId: hostOrgId,
      sku: `SKU-${label}`.replace(/\s+/g, '-'),
      name: `${label} product`,
      unitPrice: 1999,
      currency: 'USD',
    })
    .returning()
  const lines = [{ description: `${label} line`, quantity: '2', unitPrice: 1999, taxRateBp: 2000 }]
  const quote = await createQuoteRecord(tx, {
    partnershipId,
    hostOrgId,
    ownerId,
    title: `${label} quote`,
    validUntil: later(30).toISOString().slice(0, 10),
    lines,
    sent: { number: `Q-${label}-1`.replace(/\s+/g, '-') },
  })
  const today = new Date().toISOString().slice(0, 10)
  const invoice = await createInvoiceRecord(tx, {
    partnershipId,
    hostOrgId,
    ownerId,
    lines,
    issued: { number: `INV-${label}-1`.replace(/\s+/g, '-'), issueDate: today, dueDate: today },
    payment: { amount: 1000, paidOn: today, reference: `${label} payment` },
  })
  // Drafts, for the edit forms (a sent quote or an issued invoice is no longer edited).
  const draftQuote = await createQuoteRecord(tx, {
    partnershipId,
    hostOrgId,
    ownerId,
    title: `${label} draft quote`,
    validUntil: later(30).toISOString().slice(0, 10),
    lines,
  })
  const draftInvoice = await createInvoiceRecord(tx, { partnershipId, hostOrgId, ownerId, lines })
  await tx.insert(numberSequences).values({ orgId: hostOrgId, kind: 'quote', year: 2026, lastValue: 1 })
  const fund = await createFundRecord(tx, { orgId: hostOrgId, name: `${label} co-op`, budget: 1_000_000 })
  const allocation = await createAllocationRecord(tx, {
    fund,
    partnershipId,
    entries: [
      { kind: 'allocate', amount: 300_000 },
      { kind: 'commit', amount: 100_000 },
    ],
  })
  const [job] = await tx
    .insert(jobs)
    .values({ orgId: hostOrgId, kind: 'test', payload: { note: `${label} job` }, status: 'done' })
    .returning()
  const [download] = await tx
    .insert(downloads)
    .values({
      orgId: hostOrgId,
      requestedById: ownerId,
      kind: 'invoice_pdfs',
      recordIds: [invoice.id],
      status: 'queued',
      total: 1,
      fileName: `${label} invoices.zip`,
      expiresAt: later(1),
    })
    .returning()
  const [promotion] = await tx
    .insert(promotions)
    .values({
      partnershipId,
      hostOrgId,
      createdByOrgId: hostOrgId,
      name: `${label} promotion`,
      mechanics: 'display',
      startsOn: '2027-02-01',
      endsOn: '2027-02-28',
      currency: 'USD',
      createdById: ownerId,
    })
    .returning()
  await tx.insert(promotionEvents).values({
    promotionId: promotion.id,
    partnershipId,
    toStatus: 'draft',
    actorId: ownerId,
    actorOrgId: hostOrgId,
  })
  const promoted = await createPromotionProductRecord(tx, {
    promotion,
    productId: product.id,
    sku: product.sku,
    name: `${label} promoted product`,
    unitPrice: 1799,
    weeks: [{ weekStart: '2027-02-01', baseline: 40, actual: 55 }],
  })
  const { claim, proofs } = await createClaimRecord(tx, {
    promotion,
    createdByOrgId: hostOrgId,
    createdById: ownerId,
    amount: 25_000,
    description: `${label} claim`,
    proofs: [
      {
        storageKey: `proofs/${crypto.randomUUID()}`,
        fileName: `${label} proof.pdf`,
        contentType: 'application/pdf',
        size: 10,
      },
    ],
  })
  const notification = await createNotificationRecord(tx, {
    orgId: hostOrgId,
    userId: ownerId,
    partnershipId,
    kind: 'claim.submitted',
    messageKey: 'notifications:claimSubmitted',
    values: { promotion: `${label} promotion` },
    link: `/promotions/${promotion.id}`,
  })
  const forecastIds = await createForecastRows(tx, {
    ...input,
    productId: product.id,
    sku: product.sku,
    promotion,
  })
  return {
    ...forecastIds,
    productId: product.id,
    quoteId: quote.id,
    invoiceId: invoice.id,
    draftQuoteId: draftQuote.id,
    draftInvoiceId: draftInvoice.id,
    jobId: job.id,
    downloadId: download.id,
    fundId: fund.id,
    allocationId: allocation.id,
    promotionId: promotion.id,
    promotionProductId: promoted.id,
    claimId: claim.id,
    claimProofId: proofs[0].id,
    notificationId: notification.id,
  }
}

async function createForeign(tx: Tx, marker: string) {
  const z = await createOrg(tx, { kind: 'manufacturer', name: `Foreign ${marker} Tools` })
  const zOwner = await createMember(tx, {
    orgId: z.id,
    role: 'owner',
    email: `${marker}-owner@zeta.test`,
    name: `Zed ${marker} Owner`,
  })
  const zMember = await createMember(tx, {
    orgId: z.id,
    role: 'member',
    email: `${marker}-member@zeta.test`,
    name: `Zoe ${marker} Member`,
  })
  const y = await createOrg(tx, { kind: 'retailer', name: `Foreign ${marker} Retail` })
  const yOwner = await createMember(tx, {
    orgId: y.id,
    role: 'owner',
    email: `${marker}-owner@yonder.test`,
    name: `Yara ${marker} Owner`,
  })
  const partnership = await createPartnership(tx, {
    hostOrgId: z.id,
    partnerOrgId: y.id,
    kind: 'channel',
    tier: 'gold',
    accountManagerId: zMember.id,
  })
  // Its id is a small number, so not a marker; its note is.
  await tx.insert(auditEvents).values({
    orgId: z.id,
    actorUserId: zOwner.id,
    action: 'partnership.created',
    targetType: 'partnership',
    targetId: partnership.id,
    data: { note: `${marker} audit` },
  })
  const [outbox] = await tx
    .insert(emailOutbox)
    .values({
      orgId: z.id,
      template: 'invitation',
      toAddress: yOwner.email,
      subject: `Foreign ${marker} subject`,
      html: `<p>Foreign ${marker} body</p>`,
      text: `Foreign ${marker} body`,
    })
    .returning()
  const [colleague] = await tx
    .insert(invitations)
    .values({
      tokenHash: hashToken(generateToken()),
      orgId: z.id,
      invitedByOrgId: z.id,
      email: `${marker}-invitee@zeta.test`,
      role: 'member',
      invitedById: zOwner.id,
      expiresAt: later(7),
    })
    .returning()
  const [partnerInvite] = await tx
    .insert(invitations)
    .values({
      tokenHash: hashToken(generateToken()),
      orgId: y.id,
      invitedByOrgId: z.id,
      partnershipId: partnership.id,
      email: `${marker}-partner@yonder.test`,
      role: 'owner',
      invitedById: zOwner.id,
      expiresAt: later(7),
    })
    .returning()
  const [reset] = await tx
    .insert(passwordResets)
    .values({ tokenHash: hashToken(generateToken()), userId: zOwner.id, expiresAt: later(1) })
    .returning()
  const billingIds = await createBillingRows(tx, {
    hostOrgId: z.id,
    partnershipId: partnership.id,
    ownerId: zOwner.id,
    label: `Foreign ${marker}`,
  })
  const collaborationIds = await createCollaborationRows(tx, {
    hostOrgId: z.id,
    hostUserId: zOwner.id,
    partnerOrgId: y.id,
    partnerUserId: yOwner.id,
    partnershipId: partnership.id,
    label: `Foreign ${marker}`,
  })
  const ids = [
    ...Object.values(billingIds),
    // The message id is a small number, so not a marker; its body is.
    ...Object.values({ ...collaborationIds, chatMessageId: undefined }).filter((id) => id !== undefined),
    z.id,
    y.id,
    zOwner.id,
    zMember.id,
    yOwner.id,
    partnership.id,
    outbox.id,
    colleague.id,
    partnerInvite.id,
    reset.id,
  ]
  const records: Records = {
    ...billingIds,
    ...collaborationIds,
    partnershipId: partnership.id,
    userId: zMember.id,
    messageId: outbox.id,
    invitationId: colleague.id,
  }
  return { z, y, zOwner, zMember, yOwner, partnership, ids, records }
}

/** Builds a fresh world with unique names (worlds of parallel test files never collide). */
export async function createWorld(): Promise<World> {
  const tag = `h${Math.random().toString(36).slice(2, 9)}`
  const marker = `fx${Math.random().toString(36).slice(2, 10)}`
  const { home, foreign } = await asSystem(async (tx) => ({
    home: await createHome(tx, tag),
    foreign: await createForeign(tx, marker),
  }))
  // A live session of the foreign owner, so the sessions table holds foreign rows too.
  const { session } = await createSession(foreign.zOwner.id, foreign.z.id, { ip: null, userAgent: null })
  const who = {} as World['who']
  for (const role of roles) who[role] = { userId: home.members[role].id, orgId: home.org.id }
  who['partner-retailer'] = { userId: home.rOwner.id, orgId: home.r.id }
  who['customer-portal'] = { userId: home.cPortal.id, orgId: home.c.id }
  return {
    marker,
    a: { org: home.org, members: home.members },
    r: { org: home.r, owner: home.rOwner },
    c: { org: home.c, portal: home.cPortal },
    partnerships: { ar: home.ar, ac: home.ac },
    home: {
      orgIds: [home.org.id],
      partnershipIds: [home.ar.id, home.ac.id],
      // Not the owner: the owner's own member page offers no actions, so it would give no forms to replay.
      userIds: Object.values(home.members)
        .filter((u) => u.id !== home.members.owner.id)
        .map((u) => u.id),
    },
    foreign: {
      z: foreign.z,
      y: foreign.y,
      zOwner: foreign.zOwner,
      yOwner: foreign.yOwner,
      partnership: foreign.partnership,
      orgIds: [foreign.z.id, foreign.y.id],
      partnershipIds: [foreign.partnership.id],
      userIds: [foreign.zOwner.id, foreign.zMember.id, foreign.yOwner.id],
      markers: [marker, ...foreign.ids, session.id],
    },
    who,
    records: { home: home.records, foreign: foreign.records },
  }
}

/** Foreign markers found in a response body (ids that the request itself names are not leaks). */
export function leaksIn(world: World, body: string, requested = ''): string[] {
  const text = body.toLowerCase()
  return world.foreign.markers.filter((m) => !requested.includes(m) && text.includes(m.toLowerCase()))
}

import { Readable } from 'node:stream'
import { and, eq } from 'drizzle-orm'
import PDFDocument from 'pdfkit'
import { enqueueJob } from '#app/lib/jobs/queue.server.ts'
import { pdfToBuffer } from '#app/lib/pdf/pdf-buffer.server.ts'
import { getStorage, newObjectKey } from '#app/lib/storage/index.server.ts'
import type { Tx } from '#db/client.ts'
import { claims, type fundAllocations, ledgerEntries, promotionEvents, promotions } from '#db/schema/index.ts'
import { createLedgerEntryRecord } from './fund-factory.ts'
import { createClaimRecord, createNotificationRecord } from './promotion-factory.ts'

type Parties = {
  acme: string
  brightsideOrg: string
  brightside: string
  allocation: typeof fundAllocations.$inferSelect
  maya: string
  bella: string
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000)

/** A one-page PDF in storage, as a proof upload would leave it. */
async function storedPdf(fileName: string, title: string, lines: string[]) {
  const doc = new PDFDocument({ size: 'A4', margin: 56 })
  doc.fontSize(20).text(title).moveDown()
  doc.fontSize(11)
  for (const line of lines) doc.text(line)
  const rendered = pdfToBuffer(doc)
  doc.end()
  const bytes = await rendered
  const storageKey = newObjectKey('claims')
  await getStorage().put(storageKey, Readable.from([bytes]), { contentType: 'application/pdf' })
  return { storageKey, fileName, contentType: 'application/pdf', size: bytes.length }
}

/**
 * Brightside's live "Spring end-cap displays" promotion on the Co-op 2027 Q1 allocation (8,000.00 committed), with
 * two claims and real PDF proofs in storage: one approved and settled by credit note (2,500.00 spent), one waiting
 * for Acme's decision. The ledger entries name the promotion and the claim, as the services write them.
 */
export async function seedDemoClaims(tx: Tx, parties: Parties) {
  const { allocation } = parties
  const [existing] = await tx
    .select()
    .from(promotions)
    .where(
      and(eq(promotions.partnershipId, parties.brightside), eq(promotions.name, 'Spring end-cap displays')),
    )
  const promotion =
    existing ??
    (
      await tx
        .insert(promotions)
        .values({
          partnershipId: parties.brightside,
          hostOrgId: parties.acme,
          createdByOrgId: parties.brightsideOrg,
          createdById: parties.bella,
          name: 'Spring end-cap displays',
          mechanics: 'display',
          description: 'End-cap displays of the F-200 fridge and D-45 dishwasher in 12 Brightside stores.',
          startsOn: '2027-02-01',
          endsOn: '2027-03-15',
          currency: 'USD',
          plannedSpend: 1_000_000,
          partnerContribution: 200_000,
          expectedLiftBp: 2500,
          channels: ['in_store'],
          regions: 'Maine: Portland, Bangor, Augusta',
          claimDeadline: '2027-05-14',
          status: 'live',
          allocationId: allocation.id,
          requestedAmount: 800_000,
          approvedAmount: 800_000,
          version: 4,
        })
        .returning()
    )[0]
  if (!existing) {
    const steps = [
      {
        fromStatus: null,
        toStatus: 'draft',
        actorId: parties.bella,
        actorOrgId: parties.brightsideOrg,
        at: 140,
      },
      {
        fromStatus: 'draft',
        toStatus: 'submitted',
        actorId: parties.bella,
        actorOrgId: parties.brightsideOrg,
        at: 120,
      },
      {
        fromStatus: 'submitted',
        toStatus: 'approved',
        actorId: parties.maya,
        actorOrgId: parties.acme,
        at: 100,
      },
      { fromStatus: 'approved', toStatus: 'live', actorId: parties.maya, actorOrgId: parties.acme, at: 30 },
    ]
    await tx.insert(promotionEvents).values(
      steps.map(({ at, ...s }) => ({
        ...s,
        promotionId: promotion.id,
        partnershipId: parties.brightside,
        createdAt: minutesAgo(at),
      })),
    )
  }
  const [committed] = await tx
    .select({ id: ledgerEntries.id })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.sourceId, promotion.id), eq(ledgerEntries.kind, 'commit')))
  if (!committed) {
    await createLedgerEntryRecord(tx, {
      allocation,
      kind: 'commit',
      amount: 800_000,
      reason: 'Approved: Spring end-cap displays',
      source: { type: 'promotion', id: promotion.id },
      createdById: parties.maya,
    })
  }

  const settled = await createClaimRecord(tx, {
    promotion,
    createdByOrgId: parties.brightsideOrg,
    createdById: parties.bella,
    amount: 250_000,
    description: 'Display claim, 12 stores: end-caps built and stocked 1–14 February, photos of each store.',
    status: 'settled',
    approvedAmount: 250_000,
    proofs: [
      await storedPdf('End-cap photos, stores 1-12.pdf', 'End-cap displays', [
        'Brightside Retail, stores BS-01 to BS-12',
        'Built 1 February, photographed 3 February',
      ]),
    ],
  })
  await tx
    .update(claims)
    .set({
      decidedById: parties.maya,
      decidedAt: minutesAgo(20),
      settlementMethod: 'credit_note',
      settlementReference: 'CN-2027-0007',
      settledAt: minutesAgo(15),
      version: 3,
    })
    .where(eq(claims.id, settled.claim.id))
  await createLedgerEntryRecord(tx, {
    allocation,
    kind: 'spend',
    amount: 250_000,
    reason: 'Claim approved: Spring end-cap displays',
    source: { type: 'claim', id: settled.claim.id },
    createdById: parties.maya,
  })

  const waiting = await createClaimRecord(tx, {
    promotion,
    createdByOrgId: parties.brightsideOrg,
    createdById: parties.bella,
    amount: 120_000,
    description: 'Feature ad in the March flyer (40,000 copies), printer’s invoice attached.',
    proofs: [
      await storedPdf('Flyer invoice March.pdf', 'Invoice 2027-118', [
        'Northern Print Co.',
        'March flyer, 40,000 copies: 1,200.00 USD',
      ]),
    ],
  })
  // The job runner renders the proofs' first pages at start.
  for (const proof of [...settled.proofs, ...waiting.proofs]) {
    await enqueueJob(tx, {
      orgId: parties.brightsideOrg,
      kind: 'claims.proof_preview',
      payload: { proofId: proof.id },
    })
  }
  await createNotificationRecord(tx, {
    orgId: parties.acme,
    userId: parties.maya,
    partnershipId: parties.brightside,
    kind: 'claim.submitted',
    messageKey: 'notifications:claimSubmitted',
    values: {
      actor: 'Bella Brightside',
      actorOrg: 'Brightside Retail',
      promotion: promotion.name,
      amount: '$1,200.00',
    },
    link: `/claims/${waiting.claim.id}`,
    sourceType: 'claim',
    sourceId: waiting.claim.id,
  })
}

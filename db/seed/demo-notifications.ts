import type { Tx } from '#db/client.ts'
import { notifications } from '#db/schema/index.ts'

type Parties = {
  acme: string
  brightsideOrg: string
  brightside: string
  maya: string
  bella: string
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000)

/**
 * A few notifications so the bell has something to show: Acme's manager hears of Brightside's draft and funding
 * request (unread), Brightside's owner of Acme's approval (one read, one not). The texts are the app's own keys.
 */
export async function seedDemoNotifications(tx: Tx, parties: Parties) {
  const promotion = 'Spring end-cap displays'
  const shared = { partnershipId: parties.brightside, link: '/promotions', sourceType: 'promotion' }
  const fromBella = { actorId: parties.bella, orgId: parties.acme, userId: parties.maya }
  const fromMaya = { actorId: parties.maya, orgId: parties.brightsideOrg, userId: parties.bella }
  const bellaValues = { actor: 'Bella Brightside', actorOrg: 'Brightside Retail', promotion }
  const mayaValues = { actor: 'Maya Manager', actorOrg: 'Acme Appliances', promotion }
  await tx.insert(notifications).values([
    {
      ...shared,
      ...fromBella,
      kind: 'promotion.created',
      messageKey: 'notifications:promotionCreated',
      values: bellaValues,
      createdAt: minutesAgo(140),
    },
    {
      ...shared,
      ...fromBella,
      kind: 'promotion.submitted',
      messageKey: 'notifications:promotionSubmitted',
      values: { ...bellaValues, amount: '$8,000.00' },
      createdAt: minutesAgo(120),
    },
    {
      ...shared,
      ...fromMaya,
      kind: 'promotion.approved',
      messageKey: 'notifications:promotionApproved',
      values: { ...mayaValues, amount: '$8,000.00' },
      createdAt: minutesAgo(100),
      readAt: minutesAgo(90),
    },
    {
      ...shared,
      ...fromMaya,
      kind: 'promotion.live',
      messageKey: 'notifications:promotionLive',
      values: mayaValues,
      createdAt: minutesAgo(30),
    },
  ])
}

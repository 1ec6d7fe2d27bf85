import type { Tx } from '#db/client.ts'
import { createChannelRecord, createMessageRecord, markReadRecord } from './collaboration-factory.ts'

type Parties = {
  acme: string
  brightsideOrg: string
  brightside: string
  evergreenOrg: string
  evergreen: string
  people: Map<string, string>
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000)

/** A partnership conversation with some history (one message unread for Acme's manager) and a staff channel. */
export async function seedDemoChat(tx: Tx, parties: Parties) {
  const person = (email: string) => parties.people.get(email) as string
  const bright = await createChannelRecord(tx, {
    orgId: parties.acme,
    partnershipId: parties.brightside,
    kind: 'partnership',
    name: 'Acme Appliances ⇄ Brightside Retail',
  })
  const maya = { authorId: person('manager@acme.test'), authorOrgId: parties.acme }
  const bella = { authorId: person('admin@brightside.test'), authorOrgId: parties.brightsideOrg }
  const history = [
    { ...bella, body: 'Hi Maya, are the spring co-op funds confirmed yet?', at: minutesAgo(180) },
    { ...maya, body: 'Yes: 4% of Q2 sell-in, claimable with proof of performance.', at: minutesAgo(170) },
    { ...bella, body: 'Great. We plan an end-cap display in 12 stores in April.', at: minutesAgo(160) },
    { ...maya, body: 'Send the store list and I will set up the promotion.', at: minutesAgo(150) },
    {
      ...bella,
      body: 'Store list is coming tomorrow, with photos of last year’s display.',
      at: minutesAgo(20),
    },
  ]
  let lastRead = 0
  for (const [i, m] of history.entries()) {
    const message = await createMessageRecord(tx, { channel: bright, ...m })
    if (i < history.length - 1) lastRead = message.id
  }
  await markReadRecord(tx, { channel: bright, userId: maya.authorId, lastReadId: lastRead })

  const evergreen = await createChannelRecord(tx, {
    orgId: parties.acme,
    partnershipId: parties.evergreen,
    kind: 'partnership',
    name: 'Acme Appliances ⇄ Evergreen Hotels',
  })
  await createMessageRecord(tx, {
    channel: evergreen,
    authorId: person('portal@evergreen.test'),
    authorOrgId: parties.evergreenOrg,
    body: 'Could the kitchen refit start in the second week of the month?',
    at: minutesAgo(60),
  })

  const team = await createChannelRecord(tx, {
    orgId: parties.acme,
    partnershipId: null,
    kind: 'internal',
    name: 'channel-team',
  })
  await createMessageRecord(tx, {
    channel: team,
    ...maya,
    body: 'Reminder: partner claims for March close on Friday.',
    at: minutesAgo(240),
  })
}

import { and, eq } from 'drizzle-orm'
import { channels } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'

/** The id of a partnership's channel (the test world creates one per partnership it links). */
export async function partnershipChannelId(partnershipId: string) {
  const [row] = await asSystem((tx) =>
    tx
      .select({ id: channels.id })
      .from(channels)
      .where(and(eq(channels.partnershipId, partnershipId), eq(channels.kind, 'partnership'))),
  )
  if (!row) throw new Error(`no channel for partnership ${partnershipId}`)
  return row.id
}

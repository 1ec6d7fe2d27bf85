import { and, asc, eq, inArray, ne } from 'drizzle-orm'
import { memberships, organizations, users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import type { FoundChannel } from './find-channel.server.ts'
import type { ChannelMember } from './message-types.ts'

/**
 * Who takes part in a channel: the active members of both orgs of a shared channel, or the staff of an internal
 * channel's org. Mentions may name only these people.
 */
export async function listChannelMembers(
  ctx: Pick<ServiceContext, 'tx'>,
  found: FoundChannel,
): Promise<ChannelMember[]> {
  const orgIds = found.partnerOrgId ? [found.hostOrgId, found.partnerOrgId] : [found.hostOrgId]
  const conditions = [inArray(memberships.orgId, orgIds), eq(memberships.status, 'active')]
  if (found.channel.kind === 'internal') conditions.push(ne(memberships.role, 'portal'))
  return ctx.tx
    .select({ id: users.id, name: users.name, orgName: organizations.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(...conditions))
    .orderBy(asc(users.name))
    .limit(500)
}

/** Keeps the mentioned people who are members and whose "@Name" is still in the text. */
export function validMentions(body: string, requested: string[], members: ChannelMember[]) {
  const wanted = new Set(requested)
  return members.filter((m) => wanted.has(m.id) && body.includes(`@${m.name}`)).map((m) => m.id)
}

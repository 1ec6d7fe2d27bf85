import { parse } from 'cookie'
import type { Role } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { SESSION_COOKIE, validateSessionToken } from '../auth/session.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findChannel } from './find-channel.server.ts'

/** Who a socket belongs to: fixed at connection from the session cookie. */
export type SocketIdentity = {
  sessionId: string
  userId: string
  name: string
  orgId: string
  orgKind: ServiceContext['orgKind']
  role: Role
}

/** The session behind a socket's Cookie header, or null (unknown, expired, deactivated member). */
export async function authenticateSocket(cookieHeader: string | undefined): Promise<SocketIdentity | null> {
  const token = parse(cookieHeader ?? '')[SESSION_COOKIE]
  if (!token) return null
  const valid = await validateSessionToken(token)
  if (!valid) return null
  return {
    sessionId: valid.session.id,
    userId: valid.user.id,
    name: valid.user.name,
    orgId: valid.org.id,
    orgKind: valid.org.kind,
    role: valid.role,
  }
}

/**
 * Joining a channel's room is authorized like opening the channel page: same lock, same RLS scope. The session is
 * checked again, so a socket of an ended session cannot join anything.
 */
export async function canJoinChannel(identity: SocketIdentity, channelId: string): Promise<boolean> {
  return withTenant({ orgId: identity.orgId, userId: identity.userId }, async (tx) => {
    const ctx: ServiceContext = {
      tx,
      userId: identity.userId,
      orgId: identity.orgId,
      orgKind: identity.orgKind,
      role: identity.role,
      audit: async () => {},
    }
    try {
      await findChannel(ctx, channelId)
      return true
    } catch {
      return false
    }
  })
}

export const realtimeAccess = { authenticateSocket, canJoinChannel }
export type RealtimeAccess = typeof realtimeAccess

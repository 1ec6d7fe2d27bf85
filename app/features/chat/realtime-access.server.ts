import { parse } from 'cookie'
import type { Role } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { SESSION_COOKIE, validateSessionToken } from '../auth/session.server.ts'
import { findForecast } from '../forecasts/find-forecast.server.ts'
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

/** Runs a check as the socket's person, in their RLS scope (the session was checked at connection). */
function asIdentity<T>(identity: SocketIdentity, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  return withTenant({ orgId: identity.orgId, userId: identity.userId }, (tx) =>
    fn({
      tx,
      userId: identity.userId,
      orgId: identity.orgId,
      orgKind: identity.orgKind,
      role: identity.role,
      audit: async () => {},
    }),
  )
}

const allowed = (check: Promise<unknown>) =>
  check.then(
    () => true,
    () => false,
  )

/** Joining a channel's room is authorized like opening the channel page: same lock, same RLS scope. */
export function canJoinChannel(identity: SocketIdentity, channelId: string): Promise<boolean> {
  return asIdentity(identity, (ctx) => allowed(findChannel(ctx, channelId)))
}

/** Joining a co-forecast's room is authorized like opening the plan. */
export function canJoinForecast(identity: SocketIdentity, forecastId: string): Promise<boolean> {
  return asIdentity(identity, (ctx) => allowed(findForecast(ctx, forecastId)))
}

export const realtimeAccess = { authenticateSocket, canJoinChannel, canJoinForecast }
export type RealtimeAccess = typeof realtimeAccess

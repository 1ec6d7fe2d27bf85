import { parse } from 'cookie'
import type { Role } from '#db/schema/index.ts'
import {
  SESSION_COOKIE,
  type ValidSession,
  validateSession,
  validateSessionToken,
} from '../auth/session.server.ts'
import { findChannel } from '../chat/find-channel.server.ts'
import { findForecast } from '../forecasts/find-forecast.server.ts'
import { runAs, type ServiceContext } from '../service-context.server.ts'

/**
 * Who a socket belongs to, read from its session at connection and read again before every room join and after
 * every identity change (the session's org, the membership's role and status may have changed since).
 */
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
  return valid ? identityOf(valid) : null
}

/** The socket's session as it stands now, or null when it ended (sign-out, deactivation, removal). */
export async function currentIdentity(sessionId: string): Promise<SocketIdentity | null> {
  const valid = await validateSession(sessionId)
  return valid ? identityOf(valid) : null
}

function identityOf(valid: ValidSession): SocketIdentity {
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
 * Joining a channel's room is authorized like opening the channel page (same lock, same RLS scope), and only
 * while its partnership is open: a suspended or ended one keeps its history over HTTP but has nothing live.
 */
export function canJoinChannel(identity: SocketIdentity, channelId: string): Promise<boolean> {
  return runAs(identity, (ctx) =>
    findChannel(ctx, channelId).then(
      (found) => found.open,
      () => false,
    ),
  )
}

/** Joining a co-forecast's room is authorized like opening the plan, while its partnership is open. */
export function canJoinForecast(identity: SocketIdentity, forecastId: string): Promise<boolean> {
  return runAs(identity, (ctx) =>
    findForecast(ctx, forecastId).then(
      (found) => found.partnershipStatus === 'active' || found.partnershipStatus === 'invited',
      () => false,
    ),
  )
}

export const realtimeAccess = { authenticateSocket, currentIdentity, canJoinChannel, canJoinForecast }
export type RealtimeAccess = typeof realtimeAccess

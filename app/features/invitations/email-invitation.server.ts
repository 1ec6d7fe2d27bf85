import type { Tx } from '#db/client.ts'
import type { Role } from '#db/schema/organizations.ts'
import { sendEmail } from '#emails/send.server.ts'

/** The link an invitee opens; the raw token lives only here and in the email. */
export function acceptUrl(origin: string, token: string) {
  const url = new URL('/invitations/accept', origin)
  url.searchParams.set('token', token)
  return url.toString()
}

export function emailColleagueInvitation(input: {
  origin: string
  orgId: string
  orgName: string
  locale: string
  inviterName: string
  invitation: { token: string; email: string; role: Role; expiresAt: Date }
  /** The inviting transaction: a failed send then undoes the invitation, so a retry is clean. */
  tx?: Tx
}) {
  const { invitation } = input
  return sendEmail({
    tx: input.tx,
    orgId: input.orgId,
    to: invitation.email,
    locale: input.locale,
    template: 'invitation',
    props: {
      orgName: input.orgName,
      inviterName: input.inviterName,
      role: invitation.role,
      acceptUrl: acceptUrl(input.origin, invitation.token),
      expiresAt: invitation.expiresAt,
    },
  })
}

/** Kept in the host's outbox: the partner org has no owner yet who could read its own. */
export function emailPartnerInvitation(input: {
  origin: string
  hostOrgId: string
  locale: string
  invitation: { token: string; email: string; hostOrgName: string; partnerOrgName: string; expiresAt: Date }
  tx?: Tx
}) {
  const { invitation } = input
  return sendEmail({
    tx: input.tx,
    orgId: input.hostOrgId,
    to: invitation.email,
    locale: input.locale,
    template: 'partner-invitation',
    props: {
      hostOrgName: invitation.hostOrgName,
      partnerOrgName: invitation.partnerOrgName,
      acceptUrl: acceptUrl(input.origin, invitation.token),
      expiresAt: invitation.expiresAt,
    },
  })
}

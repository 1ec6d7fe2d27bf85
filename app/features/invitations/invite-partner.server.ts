import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import type { InvitePartnerSchema } from '#app/features/auth/invitation-schemas.ts'
import { can } from '#app/features/auth/permissions.ts'
import type { ServiceContext } from '#app/features/service-context.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { slugify } from '#app/lib/slugify.ts'
import { organizations, partnerships } from '#db/schema/index.ts'
import { insertInvitation } from './insert-invitation.server.ts'

export type InvitePartnerInput = z.infer<typeof InvitePartnerSchema>

/**
 * A manufacturer sets up a partner: the partner's org, the partnership (invited) and its first admin's
 * invitation, all in the caller's RLS-scoped transaction. Returns the raw token once, for the email link.
 */
export async function invitePartner(ctx: ServiceContext, input: InvitePartnerInput) {
  if (!can(ctx.role, 'partners:invite') || ctx.orgKind !== 'manufacturer') {
    throw new AppError('forbidden', 'Only manufacturer staff may invite partners.')
  }
  const [host] = await ctx.tx
    .select({
      name: organizations.name,
      defaultCurrency: organizations.defaultCurrency,
      locale: organizations.locale,
      timeZone: organizations.timeZone,
    })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId))
  if (!host) throw new AppError('not_found', 'Organization not found.')

  // No .returning(): the host may not read the new org until the partnership row links them.
  const partnerOrgId = crypto.randomUUID()
  const orgName = input.orgName.trim()
  await ctx.tx.insert(organizations).values({
    id: partnerOrgId,
    kind: input.kind,
    name: orgName,
    slug: `${slugify(orgName)}-${randomSuffix(6)}`,
    customerCode: `C-${randomSuffix(8).toUpperCase()}`,
    defaultCurrency: host.defaultCurrency,
    locale: host.locale,
    timeZone: host.timeZone,
  })
  const [partnership] = await ctx.tx
    .insert(partnerships)
    .values({
      hostOrgId: ctx.orgId,
      partnerOrgId,
      kind: input.kind === 'customer' ? 'customer' : 'channel',
      tier: input.tier,
      status: 'invited',
      accountManagerId: ctx.userId,
    })
    .returning({ id: partnerships.id })

  const email = input.email.trim().toLowerCase()
  // The partner's first admin owns their org, whatever its kind.
  const invitation = await insertInvitation(ctx, {
    orgId: partnerOrgId,
    partnershipId: partnership.id,
    email,
    role: 'owner',
  })
  await ctx.audit({
    action: 'partnership.invited',
    targetType: 'partnership',
    targetId: partnership.id,
    data: { partnerOrgId, orgName, kind: input.kind, tier: input.tier, email, invitationId: invitation.id },
  })
  return {
    token: invitation.token,
    partnershipId: partnership.id,
    partnerOrgId,
    partnerOrgName: orgName,
    hostOrgName: host.name,
    email,
    expiresAt: invitation.expiresAt,
  }
}

const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'

function randomSuffix(length: number) {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')
}

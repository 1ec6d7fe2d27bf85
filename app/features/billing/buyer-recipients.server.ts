import { and, eq, inArray } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { memberships, organizations, users } from '#db/schema/index.ts'

/** The buyer's people who receive quotes, invoices and reminders: everyone who may answer or pay. */
const recipientRoles = ['owner', 'admin', 'manager', 'member', 'portal'] as const

/** Active members of the buyer org who get billing emails, each with the language to write to them in. */
export async function buyerRecipients(tx: Tx, buyerOrgId: string) {
  const rows = await tx
    .select({ email: users.email, userLocale: users.locale, orgLocale: organizations.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(
      and(
        eq(memberships.orgId, buyerOrgId),
        eq(memberships.status, 'active'),
        inArray(memberships.role, [...recipientRoles]),
      ),
    )
  return rows.map((r) => ({ email: r.email, locale: r.userLocale ?? r.orgLocale ?? 'en' }))
}

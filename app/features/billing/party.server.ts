import { eq } from 'drizzle-orm'
import type { PdfParty } from '#app/lib/pdf/model.ts'
import type { Tx } from '#db/client.ts'
import { organizations } from '#db/schema/index.ts'

/** An org as printed on a document: its name, then its address lines and identifiers. */
export async function partyOf(tx: Tx, orgId: string): Promise<PdfParty> {
  const [org] = await tx
    .select({
      name: organizations.name,
      customerCode: organizations.customerCode,
      address: organizations.billingAddress,
      taxId: organizations.taxId,
    })
    .from(organizations)
    .where(eq(organizations.id, orgId))
  if (!org) return { name: '—', lines: [] }
  const lines = org.address
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  if (org.taxId) lines.push(org.taxId)
  lines.push(org.customerCode)
  return { name: org.name, lines }
}

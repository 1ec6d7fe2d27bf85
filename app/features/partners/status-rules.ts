import { AppError } from '#app/lib/errors.ts'
import { type PartnershipStatus, partnershipStatuses } from '#db/schema/partnerships.ts'

/**
 * What a side of a partnership does to its shared records: `read` (history, downloads, PDFs), `pay` (pay and
 * record payment of an invoice already issued) and `write` (everything else: anything new or changed).
 */
export type PartnershipAction = 'read' | 'pay' | 'write'

/**
 * The one table of what a partnership's status allows (docs/architecture.md, “Who checks what”, docs/decisions/0024): roles decide who,
 * this decides when. Invited has nothing shared yet; suspended keeps history and lets money already owed be
 * paid; ended is a read-only archive.
 */
const allowed: Record<PartnershipStatus, readonly PartnershipAction[]> = {
  invited: ['read'],
  active: ['read', 'pay', 'write'],
  suspended: ['read', 'pay'],
  ended: ['read'],
}

export function partnershipAllows(status: PartnershipStatus, action: PartnershipAction): boolean {
  return allowed[status].includes(action)
}

/** Refuses with 409 and a message naming the partnership's status. */
export function assertPartnershipAllows(status: PartnershipStatus, action: PartnershipAction) {
  if (!partnershipAllows(status, action)) {
    throw new AppError('conflict', `partners:statusRefusal.${status}`, { partnershipStatus: status })
  }
}

/** The statuses that allow an action, for queries that filter partnerships by it. */
export function statusesAllowing(action: PartnershipAction): PartnershipStatus[] {
  return partnershipStatuses.filter((status) => partnershipAllows(status, action))
}

import type { PartnershipStatus } from '#db/schema/partnerships.ts'
import type { StatusIntent } from './schemas.ts'

/** Which status each intent moves from and to; the page shows only the buttons valid for the current status. */
export const statusTransitions = {
  suspend: { from: ['active'], to: 'suspended', audit: 'partnership.suspended' },
  reactivate: { from: ['suspended'], to: 'active', audit: 'partnership.reactivated' },
  end: { from: ['active', 'suspended', 'invited'], to: 'ended', audit: 'partnership.ended' },
} as const satisfies Record<
  StatusIntent,
  { from: readonly PartnershipStatus[]; to: PartnershipStatus; audit: string }
>

export function canTransition(intent: StatusIntent, status: PartnershipStatus) {
  return (statusTransitions[intent].from as readonly PartnershipStatus[]).includes(status)
}

export function intentsFor(status: PartnershipStatus): StatusIntent[] {
  return (Object.keys(statusTransitions) as StatusIntent[]).filter((i) => canTransition(i, status))
}

import { z } from 'zod'
import { queryTextSchema, readQuery } from '#app/lib/query.ts'
import { orgKinds } from '#db/schema/organizations.ts'
import { partnershipStatuses, partnershipTiers } from '#db/schema/partnerships.ts'

// A filter value that is not one of the options falls back to "any" instead of an error page.
const optionalEnum = <T extends [string, ...string[]]>(values: T) =>
  z.enum(values).optional().catch(undefined)

export const PartnerFiltersSchema = z.object({
  q: queryTextSchema()
    .transform((v) => v || undefined)
    .optional(),
  kind: optionalEnum([...orgKinds]),
  tier: optionalEnum([...partnershipTiers]),
  status: optionalEnum([...partnershipStatuses]),
})

export type PartnerFilters = z.infer<typeof PartnerFiltersSchema>

/** Reads the directory filters from the query string; empty or unknown values mean "any". */
export function readPartnerFilters(url: URL): PartnerFilters {
  return readQuery(url, PartnerFiltersSchema)
}

const VersionSchema = z.coerce.number({ required_error: 'validation.required' }).int().min(1)
const OptionalReasonSchema = z.string().trim().max(500, 'validation.tooLong').optional()

/** One action, three intents; ending needs a reason, which doubles as the confirmation. */
export const PartnershipStatusSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('suspend'), version: VersionSchema, reason: OptionalReasonSchema }),
  z.object({ intent: z.literal('reactivate'), version: VersionSchema, reason: OptionalReasonSchema }),
  z.object({
    intent: z.literal('end'),
    version: VersionSchema,
    reason: z
      .string({ required_error: 'partners:status.reasonRequired' })
      .trim()
      .min(1, 'partners:status.reasonRequired')
      .max(500, 'validation.tooLong'),
  }),
])

export type PartnershipStatusInput = z.infer<typeof PartnershipStatusSchema>
export type StatusIntent = PartnershipStatusInput['intent']
export const statusIntents = ['suspend', 'reactivate', 'end'] as const satisfies readonly StatusIntent[]

import { z } from 'zod'
import { roles } from '#app/features/auth/permissions.ts'
import { membershipStatuses } from './schemas.ts'

// Query-string filters: a value that does not parse is ignored rather than refused, as a list should still show.
const optional = <T extends z.ZodTypeAny>(schema: T) => schema.optional().catch(undefined)

export const MemberFiltersSchema = z.object({
  q: optional(
    z
      .string()
      .trim()
      .max(100)
      .transform((v) => v || undefined),
  ),
  role: optional(z.enum(roles)),
  status: optional(z.enum(membershipStatuses)),
})

export const AuditFiltersSchema = z.object({
  action: optional(
    z
      .string()
      .trim()
      .max(100)
      .transform((v) => v || undefined),
  ),
  actor: optional(z.string().uuid()),
  before: optional(z.coerce.number().int().positive()),
})

export function searchObject(url: URL) {
  return Object.fromEntries(url.searchParams)
}

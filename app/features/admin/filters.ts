import { z } from 'zod'
import { roles } from '#app/features/auth/permissions.ts'
import { IdSchema } from '#app/lib/ids.ts'
import { queryCursorSchema, queryTextSchema, readQuery } from '#app/lib/query.ts'
import { membershipStatuses } from './schemas.ts'

// Query-string filters: a value that does not parse is ignored rather than refused, as a list should still show.
const optional = <T extends z.ZodTypeAny>(schema: T) => schema.optional().catch(undefined)

// Text goes into SQL: a NUL byte in it is refused (readQuery: 400), not ignored.
export const MemberFiltersSchema = z.object({
  q: queryTextSchema()
    .transform((v) => v || undefined)
    .optional(),
  role: optional(z.enum(roles)),
  status: optional(z.enum(membershipStatuses)),
})

export const AuditFiltersSchema = z.object({
  action: queryTextSchema()
    .transform((v) => v || undefined)
    .optional(),
  actor: optional(IdSchema),
  before: optional(queryCursorSchema),
})

export function readMemberFilters(url: URL) {
  return readQuery(url, MemberFiltersSchema)
}

export function readAuditFilters(url: URL) {
  return readQuery(url, AuditFiltersSchema)
}

import { z } from 'zod'
import { IdSchema } from '#app/lib/ids.ts'

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'outcome:errors.date')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'outcome:errors.date')
const page = z.coerce.number().int().min(1).max(100_000).catch(1)
// An empty or malformed optional field means "no filter", not an error: these come from a GET form's query string.
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional()).catch(undefined)

/** The program view's filters and page numbers, read from the query string. */
export const ProgramFilterSchema = z
  .object({
    fundId: optional(IdSchema),
    from: optional(isoDate),
    to: optional(isoDate),
    sort: z.enum(['roi', 'utilisation']).catch('roi'),
    page,
    partnerPage: page,
    fundPage: page,
  })
  .transform((v) => (v.from && v.to && v.to < v.from ? { ...v, from: v.to, to: v.from } : v))

export type ProgramFilter = z.infer<typeof ProgramFilterSchema>

export function readProgramFilter(url: URL): ProgramFilter {
  return ProgramFilterSchema.parse(Object.fromEntries(url.searchParams))
}

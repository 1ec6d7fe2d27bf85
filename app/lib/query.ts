import { z } from 'zod'
import { badRequest } from './errors.ts'

/**
 * Query-string schemas. What a URL carries goes into SQL: PostgreSQL refuses a NUL byte in text and a number past
 * bigint, and either would surface as a 500. These refuse them up front, and `readQuery` turns the refusal into a
 * 400 that names the parameter.
 */

const noNul = (value: string) => !value.includes('\0')

/** Search or filter text: trimmed and cut to `max` (a long search is not an error); a NUL byte is refused. */
export function queryTextSchema(max = 100) {
  return z
    .string()
    .refine(noNul, 'must not contain a NUL byte')
    .transform((value) => value.trim().slice(0, max))
}

/** A keyset cursor or row number (a bigint column): a positive integer that JavaScript holds exactly. */
export const queryCursorSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)

/** The query string read with `schema`; a value that does not fit is a 400 naming its parameter. */
export function readQuery<S extends z.ZodTypeAny>(url: URL, schema: S): z.output<S> {
  const result = schema.safeParse(Object.fromEntries(url.searchParams))
  if (result.success) return result.data
  const issue = result.error.issues[0]
  badRequest(`Query parameter "${issue.path.join('.')}": ${issue.message}.`)
}

const SearchSchema = (name: string, max: number) => z.object({ [name]: queryTextSchema(max).default('') })

/** One free-text parameter (`q` by default), trimmed and cut to `max`; '' when absent. */
export function readSearch(url: URL, name = 'q', max = 100): string {
  return readQuery(url, SearchSchema(name, max))[name] as string
}

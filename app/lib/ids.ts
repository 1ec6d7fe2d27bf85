import { z } from 'zod'

/** A record id. Every table keys its rows by uuid. */
export const IdSchema = z.string().uuid()

/** Whether `value` can be a record id: a malformed one is simply not found, never a database error. */
export function isId(value: unknown): value is string {
  return IdSchema.safeParse(value).success
}

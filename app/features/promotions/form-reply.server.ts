import { parseWithZod } from '@conform-to/zod'
import { data } from '@remix-run/node'
import { attempt } from '#app/lib/errors.ts'
import type { PlanConflict, PlanConflictReply, PlanEditor, PlanValues } from './plan-fields.ts'
import { type PromotionInput, PromotionSchema } from './schemas.ts'

/**
 * The plan the form was loaded with, posted as JSON in `base`, for the field-by-field merge; absent or unreadable
 * means "unknown" (a stale save is then refused whole).
 */
export function readPlanBase(form: FormData): PromotionInput | undefined {
  try {
    const raw = JSON.parse(String(form.get('base') ?? ''))
    if (!raw || typeof raw !== 'object') return undefined
    const present = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== null))
    const parsed = PromotionSchema.safeParse(present)
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/**
 * Parses the plan form and runs `save`; a refusal comes back on the form with what was typed. A conflict also
 * carries the saved plan, and the form restarts from the merge: their changes where only they changed something,
 * what this person typed everywhere else (conflicting fields included, shown beside theirs).
 */
export async function promotionFormReply<T>(form: FormData, save: (input: PromotionInput) => Promise<T>) {
  const submission = parseWithZod(form, { schema: PromotionSchema })
  if (submission.status !== 'success')
    return { ok: false as const, reply: data(submission.reply(), { status: 400 }) }
  const result = await attempt(() => save(submission.value))
  if (result.ok) return { ok: true as const, value: result.value }
  const details = result.error.details
  const reply = submission.reply({ formErrors: [result.error.message] })
  if (!details?.currentValues) {
    return { ok: false as const, reply: data({ ...reply, conflict: null }, { status: result.error.status }) }
  }
  const current = details.current as { version: number }
  const conflict: PlanConflictReply = {
    version: current.version,
    values: details.currentValues as PlanValues,
    conflicts: details.conflicts as PlanConflict[],
    changedBy: details.changedBy as PlanEditor,
  }
  const restart: Record<string, string | string[]> = { ...(details.merged as PlanValues) }
  for (const c of conflict.conflicts) restart[c.field] = c.mine
  return {
    ok: false as const,
    reply: data({ ...reply, initialValue: restart, conflict }, { status: result.error.status }),
  }
}

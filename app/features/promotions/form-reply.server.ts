import { parseWithZod } from '@conform-to/zod'
import { data } from '@remix-run/node'
import { attempt } from '../admin/attempt.server.ts'
import { type PromotionInput, PromotionSchema } from './schemas.ts'

/** Parses the plan form and runs `save`; a refusal comes back on the form with what was typed. */
export async function promotionFormReply<T>(form: FormData, save: (input: PromotionInput) => Promise<T>) {
  const submission = parseWithZod(form, { schema: PromotionSchema })
  if (submission.status !== 'success')
    return { ok: false as const, reply: data(submission.reply(), { status: 400 }) }
  const result = await attempt(() => save(submission.value))
  if (result.ok) return { ok: true as const, value: result.value }
  return {
    ok: false as const,
    reply: data(
      {
        ...submission.reply({ formErrors: [result.error.message] }),
        current: result.error.details?.current ?? null,
      },
      { status: result.error.status },
    ),
  }
}

import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, redirect } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { changePartnershipStatus } from '#app/features/partners/change-partnership-status.server.ts'
import { PartnershipStatusSchema } from '#app/features/partners/schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { AppError, forbidden, notFound } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { IdSchema } from '#app/lib/ids.ts'

const errorKeys = {
  conflict: 'partners:status.conflict',
  invalid: 'partners:status.invalidTransition',
} as const

/** Status changes: parse → authorize → service → redirect with a notice, or the form back with the reason. */
export async function statusAction({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'partners:status')
  const id = IdSchema.safeParse(params.partnershipId)
  if (!id.success) notFound()
  const submission = parseWithZod(await readForm(request), { schema: PartnershipStatusSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    await runService(auth, context, (ctx) =>
      changePartnershipStatus(ctx, { ...submission.value, partnershipId: id.data }),
    )
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    if (error.code === 'not_found') notFound()
    // The partner side may read the partnership but never change it.
    if (error.code === 'forbidden') forbidden()
    if (error.code !== 'conflict' && error.code !== 'invalid') throw error
    return data(submission.reply({ formErrors: [errorKeys[error.code]] }), { status: error.status })
  }
  return redirect(`/partners/${id.data}?updated=${submission.value.intent}`)
}

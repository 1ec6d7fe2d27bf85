import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { invalidReply, refusalReply, replyTo } from '#app/features/claims/claim-reply.server.ts'
import { checkCanFileClaim, fileClaim } from '#app/features/claims/file-claim.server.ts'
import { readClaimForm } from '#app/features/claims/read-claim-form.server.ts'
import { FileClaimSchema } from '#app/features/claims/schemas.ts'
import { discardProofs } from '#app/features/claims/store-proof.server.ts'
import { runService } from '#app/features/service-context.server.ts'

/**
 * Filing a claim: authorize (the partner's side, the promotion claimable, the deadline not passed) before a byte
 * of proof is stored; stream the proofs to storage; file the claim with them in one transaction. A duplicate
 * submission (same idempotency key) lands on the claim the first one made, and its second copy of the files is
 * dropped; any refusal drops them too and keeps what was typed.
 */
export async function fileClaimAction({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  const id = params.promotionId ?? ''
  const allowed = await replyTo(
    () => runService(auth, context, (ctx) => checkCanFileClaim(ctx, id)),
    (error) => refusalReply('file', null, error),
  )
  if (!allowed.ok) return allowed.reply

  const read = await replyTo(
    () => readClaimForm(request),
    (error) => refusalReply('file', null, error),
  )
  if (!read.ok) return read.reply
  const { form, proofs, refusal } = read.value
  const submission = parseWithZod(form, { schema: FileClaimSchema })
  if (refusal) return refusalReply('file', null, refusal, submission)
  if (submission.status !== 'success') {
    await discardProofs(proofs)
    return invalidReply('file', null, submission)
  }
  const filed = await replyTo(
    () => runService(auth, context, (ctx) => fileClaim(ctx, id, { ...submission.value, proofs })),
    (error) => refusalReply('file', null, error, submission),
  )
  if (!filed.ok || !filed.value.created) await discardProofs(proofs)
  if (!filed.ok) return filed.reply
  return redirect(`/promotions/${id}/claims?filed=${filed.value.claim.id}`)
}

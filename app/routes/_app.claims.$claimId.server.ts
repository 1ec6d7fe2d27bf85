import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import type { AuthContext } from '#app/features/auth/require.server.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { invalidReply, refusalReply, replyTo } from '#app/features/claims/claim-reply.server.ts'
import { decideClaim } from '#app/features/claims/decide-claim.server.ts'
import { assertClaimant, findClaim } from '#app/features/claims/find-claim.server.ts'
import { readClaimForm } from '#app/features/claims/read-claim-form.server.ts'
import { addClaimProofs } from '#app/features/claims/record-proofs.server.ts'
import { DecideClaimSchema, SettleClaimSchema } from '#app/features/claims/schemas.ts'
import { settleClaim } from '#app/features/claims/settle-claim.server.ts'
import { discardProofs } from '#app/features/claims/store-proof.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import type { TandemLoadContext } from '#app/lib/load-context.ts'

type Args = { request: Request; id: string; auth: AuthContext; context: TandemLoadContext }

const back = (claim: { id: string; promotionId: string }, from: 'tab' | 'claim', done: string) =>
  from === 'tab' ? `/promotions/${claim.promotionId}/claims?${done}=1` : `/claims/${claim.id}?${done}=1`

/** More proof for a waiting claim: authorized before any byte is stored, recorded in one transaction. */
async function addProofs({ request, id, auth, context }: Args) {
  const allowed = await replyTo(
    () =>
      runService(auth, context, async (ctx) => {
        const found = await findClaim(ctx, id)
        assertClaimant(ctx, found)
        const { claim } = found
        // The service re-checks all of it under the lock; this refuses strangers before their bytes are stored.
        if (claim.status !== 'submitted') throw new AppError('conflict', 'claims:errors.proofsClosed')
        return claim
      }),
    (error) => refusalReply('proofs', id, error),
  )
  if (!allowed.ok) return allowed.reply
  const read = await replyTo(
    () => readClaimForm(request),
    (error) => refusalReply('proofs', id, error),
  )
  if (!read.ok) return read.reply
  if (read.value.refusal) return refusalReply('proofs', id, read.value.refusal)
  const { proofs } = read.value
  const added = await replyTo(
    () => runService(auth, context, (ctx) => addClaimProofs(ctx, id, proofs)),
    (error) => refusalReply('proofs', id, error),
  )
  if (!added.ok) {
    await discardProofs(proofs)
    return added.reply
  }
  return redirect(`/claims/${id}?proofs=1`)
}

/** Decide (approve, approve part, reject) or settle a claim, or add proof to it (a multipart body). */
export async function claimAction({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  const id = params.claimId ?? ''
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    return addProofs({ request, id, auth, context })
  }
  const form = await readForm(request)
  if (form.get('intent') === 'settle') {
    const submission = parseWithZod(form, { schema: SettleClaimSchema })
    if (submission.status !== 'success') return invalidReply('settle', id, submission)
    const { from, ...input } = submission.value
    const settled = await replyTo(
      () => runService(auth, context, (ctx) => settleClaim(ctx, id, input)),
      (error) => refusalReply('settle', id, error, submission),
    )
    return settled.ok ? redirect(back(settled.value, from, 'settled')) : settled.reply
  }
  const submission = parseWithZod(form, { schema: DecideClaimSchema })
  if (submission.status !== 'success') return invalidReply('decide', id, submission)
  const { intent, from, ...input } = submission.value
  const decided = await replyTo(
    () => runService(auth, context, (ctx) => decideClaim(ctx, id, { ...input, decision: intent })),
    (error) => refusalReply('decide', id, error, submission),
  )
  return decided.ok ? redirect(back(decided.value, from, 'decided')) : decided.reply
}

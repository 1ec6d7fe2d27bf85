import { type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { proofPreview } from '#app/features/claims/open-proof.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { notFound, orRespond } from '#app/lib/errors.ts'
import { getStorage } from '#app/lib/storage/index.server.ts'

/** A proof's preview image, shown inline: a short-lived signed link, for either side of the partnership. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  const preview = await orRespond(() =>
    runService(auth, context, (ctx) => proofPreview(ctx, params.claimId ?? '', params.claimProofId ?? '')),
  )
  if (!preview) notFound('No preview')
  const url = await getStorage().signedUrl(preview.key, {
    fileName: preview.fileName,
    contentType: preview.contentType,
    expiresIn: 300,
    disposition: 'inline',
  })
  return redirect(url, { headers: { 'cache-control': 'private, max-age=240' } })
}

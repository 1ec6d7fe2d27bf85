import { type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { proofDownload } from '#app/features/claims/open-proof.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { getStorage } from '#app/lib/storage/index.server.ts'

/** Authorizes (either side of the partnership), then hands out a one-minute signed link to the proof file. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  const file = await orRespond(() =>
    runService(auth, context, (ctx) => proofDownload(ctx, params.claimId ?? '', params.claimProofId ?? '')),
  )
  const url = await getStorage().signedUrl(file.key, {
    fileName: file.fileName,
    contentType: file.contentType,
    expiresIn: 60,
  })
  return redirect(url, { headers: { 'cache-control': 'private, no-store' } })
}

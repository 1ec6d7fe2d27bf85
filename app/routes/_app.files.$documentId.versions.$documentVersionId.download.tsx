import { type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { recordDownload } from '#app/features/documents/open-version.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { getStorage } from '#app/lib/storage/index.server.ts'

/** Authorizes, records who downloaded which version, then hands out a one-minute signed link (S3 or local). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'documents:read')
  const file = await orRespond(() =>
    runService(auth, context, (ctx) =>
      recordDownload(ctx, params.documentId ?? '', params.documentVersionId ?? ''),
    ),
  )
  const url = await getStorage().signedUrl(file.key, {
    fileName: file.fileName,
    contentType: file.contentType,
    expiresIn: 60,
  })
  return redirect(url, { headers: { 'cache-control': 'private, no-store' } })
}

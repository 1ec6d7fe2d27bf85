import { type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { previewOf } from '#app/features/documents/open-version.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { notFound, orRespond } from '#app/lib/errors.ts'
import { getStorage } from '#app/lib/storage/index.server.ts'

/** The preview image (shown inline, never recorded as a download): a short-lived signed link. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'documents:read')
  const preview = await orRespond(() =>
    runService(auth, context, (ctx) =>
      previewOf(ctx, params.documentId ?? '', params.documentVersionId ?? ''),
    ),
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

import { type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { requireUser } from '#app/features/auth/require.server.ts'
import { getDownload } from '#app/features/downloads/get-download.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { AppError, errorResponse, orRespond } from '#app/lib/errors.ts'
import { getStorage } from '#app/lib/storage/index.server.ts'

/** The prepared file, for the person who asked for it while it has not expired: a short-lived signed link. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request)
  const download = await orRespond(() =>
    runService(auth, context, (ctx) => getDownload(ctx, params.downloadId ?? '')),
  )
  if (download.status !== 'ready' || download.expired)
    throw errorResponse(new AppError('conflict', 'Not ready'))
  if (!download.storageKey || !(await getStorage().head(download.storageKey))) {
    throw errorResponse(new AppError('gone', 'Gone'))
  }
  const url = await getStorage().signedUrl(download.storageKey, {
    fileName: download.fileName,
    contentType: 'application/zip',
    expiresIn: 60,
  })
  return redirect(url, { headers: { 'cache-control': 'private, no-store' } })
}

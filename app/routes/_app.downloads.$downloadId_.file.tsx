import { type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { orRespond } from '#app/features/admin/attempt.server.ts'
import { requireUser } from '#app/features/auth/require.server.ts'
import { getDownload } from '#app/features/downloads/get-download.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { getStorage } from '#app/lib/storage/index.server.ts'

/** The prepared file, for the person who asked for it while it has not expired: a short-lived signed link. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request)
  const download = await orRespond(() =>
    runService(auth, context, (ctx) => getDownload(ctx, params.downloadId ?? '')),
  )
  if (download.status !== 'ready' || download.expired) throw new Response('Not ready', { status: 409 })
  if (!download.storageKey || !(await getStorage().head(download.storageKey))) {
    throw new Response('Gone', { status: 410 })
  }
  const url = await getStorage().signedUrl(download.storageKey, {
    fileName: download.fileName,
    contentType: 'application/zip',
    expiresIn: 60,
  })
  return redirect(url, { headers: { 'cache-control': 'private, no-store' } })
}

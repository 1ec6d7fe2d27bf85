import { Readable } from 'node:stream'
import type { LoaderFunctionArgs } from '@remix-run/node'
import contentDisposition from 'content-disposition'
import { orRespond } from '#app/features/admin/attempt.server.ts'
import { requireUser } from '#app/features/auth/require.server.ts'
import { getDownload } from '#app/features/downloads/get-download.server.ts'
import { openDownload } from '#app/features/downloads/storage.server.ts'
import { runService } from '#app/features/service-context.server.ts'

/** The prepared file, streamed to the person who asked for it, while it has not expired. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request)
  const download = await orRespond(() =>
    runService(auth, context, (ctx) => getDownload(ctx, params.downloadId ?? '')),
  )
  if (download.status !== 'ready' || download.expired) throw new Response('Not ready', { status: 409 })
  const file = await openDownload(download.id)
  if (!file) throw new Response('Gone', { status: 410 })
  return new Response(Readable.toWeb(file.stream) as ReadableStream, {
    headers: {
      'content-type': 'application/zip',
      'content-length': String(file.size),
      'content-disposition': contentDisposition(download.fileName),
      'cache-control': 'private, no-store',
    },
  })
}

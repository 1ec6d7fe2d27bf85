import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { findFolder } from '#app/features/documents/find-folder.server.ts'
import { DISCARD_LIMIT, uploadDocument } from '#app/features/documents/upload-document.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { AppError, orRespond } from '#app/lib/errors.ts'
import { uploadLimitBytes } from '#app/lib/storage/index.server.ts'

/** Opened in the browser, the upload address shows its folder. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'documents:read')
  const found = await orRespond(() =>
    runService(auth, context, (ctx) => findFolder(ctx, params.folderId ?? '')),
  )
  return redirect(`/files/folders/${found.folder.id}`)
}

const json = (body: unknown, status: number) => Response.json(body, { status })

/**
 * One file as the raw request body (`?name=` carries its name), streamed to storage as it arrives: never buffered,
 * refused early by Content-Length when it is clearly too big, and stopped mid-stream when it turns out to be.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'documents:write')
  const name = new URL(request.url).searchParams.get('name') ?? ''
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > uploadLimitBytes()) {
    // Read a modest overshoot so the browser gets this answer rather than a reset connection.
    if (request.body && declared - uploadLimitBytes() <= DISCARD_LIMIT)
      await request.body.pipeTo(new WritableStream())
    return json({ error: 'files:errors.tooLarge', maxBytes: uploadLimitBytes() }, 413)
  }
  if (!request.body) return json({ error: 'files:errors.empty' }, 400)
  try {
    const result = await uploadDocument((fn) => runService(auth, context, fn), {
      folderId: params.folderId ?? '',
      fileName: name,
      source: request.body as unknown as AsyncIterable<Uint8Array>,
    })
    return json(
      {
        document: { id: result.document.id, name: result.document.name },
        version: {
          id: result.version.id,
          version: result.version.version,
          byteSize: result.version.byteSize,
        },
      },
      201,
    )
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    const status = typeof error.details?.status === 'number' ? error.details.status : error.status
    return json({ error: error.message, maxBytes: error.details?.maxBytes }, status)
  }
}

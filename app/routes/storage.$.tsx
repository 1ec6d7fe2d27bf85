import { Readable } from 'node:stream'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { AppError, errorResponse, forbidden } from '#app/lib/errors.ts'
import { dispositionFor } from '#app/lib/storage/disposition.ts'
import { getStorage } from '#app/lib/storage/index.server.ts'
import { verifyGrant } from '#app/lib/storage/signing.server.ts'

/**
 * The local storage driver's signed links (S3 serves its presigned URLs itself). The HMAC-signed, short-lived
 * token IS the authorization: it was issued by a route that checked the user's access a moment ago.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const grant = verifyGrant(params['*'] ?? '')
  if (grant === 'invalid') forbidden('This download link is not valid.')
  if (grant === 'expired') {
    forbidden('This download link has expired. Go back and download again.')
  }
  const object = await getStorage().get(grant.key)
  if (!object) throw errorResponse(new AppError('gone', 'This file is no longer available.'))
  const headers = new Headers({
    'content-type': grant.type,
    'content-length': String(object.byteSize),
    'content-disposition': dispositionFor(grant.name, grant.disposition),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  })
  // Shown inline (previews), a file still may not run anything.
  if (grant.disposition === 'inline') headers.set('content-security-policy', "sandbox; default-src 'none'")
  return new Response(Readable.toWeb(object.body) as ReadableStream, { headers })
}

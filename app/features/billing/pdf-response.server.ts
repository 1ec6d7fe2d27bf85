import { Readable } from 'node:stream'
import contentDisposition from 'content-disposition'
import { resolveLocale } from '#app/lib/i18n/i18n.server.ts'
import type { AuthContext } from '../auth/require.server.ts'

/** Streams a finished pdfkit document as a download (no buffering of the whole file in memory). */
export function pdfResponse(doc: PDFKit.PDFDocument, fileName: string) {
  return new Response(Readable.toWeb(doc) as ReadableStream, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': contentDisposition(fileName, { type: 'inline' }),
      'cache-control': 'private, no-store',
    },
  })
}

/** Documents are printed in the reader's language (chosen, then the user's, then the org's). */
export function documentLocale(request: Request, auth: AuthContext) {
  return resolveLocale(request, { user: auth.user.locale, org: auth.org.locale })
}

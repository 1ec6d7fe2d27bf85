import contentDisposition from 'content-disposition'

/**
 * Bidirectional embeddings, overrides, isolates and marks: invisible, they make "invoice\u202Efdp.bat" show as
 * "invoicetab.pdf" (and save as .bat). Right-to-left text needs none of them to display.
 */
export const bidiControls = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g

/**
 * A Content-Disposition header that is plain ASCII (some proxies and S3 servers mangle other bytes), with the
 * exact name in `filename*` for every browser that reads it. Bidi controls are dropped here too, for names
 * stored before uploads removed them.
 */
export function dispositionFor(name: string, type: 'attachment' | 'inline' = 'attachment') {
  const fileName = name.replace(bidiControls, '')
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_')
  return contentDisposition(fileName, { type, fallback: ascii || 'download' })
}

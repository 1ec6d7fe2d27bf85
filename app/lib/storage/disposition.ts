import contentDisposition from 'content-disposition'

/**
 * A Content-Disposition header that is plain ASCII (some proxies and S3 servers mangle other bytes), with the
 * exact name in `filename*` for every browser that reads it.
 */
export function dispositionFor(fileName: string, type: 'attachment' | 'inline' = 'attachment') {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_')
  return contentDisposition(fileName, { type, fallback: ascii || 'download' })
}

import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'
import { isTextUpload } from './csv.ts'

export type CsvUpload =
  | { ok: true; bytes: Uint8Array }
  /**
   * Why the upload was not read. After `tooLarge` the rest of the body is left unread, so the response must carry
   * `Connection: close` (this connection cannot carry another request).
   */
  | { ok: false; reason: 'tooLarge' | 'noFile' | 'notCsv'; type?: string }

/**
 * Reads the `file` field of a multipart CSV upload into memory, at most `maxBytes`, and refuses declared types
 * that are not text. The bytes themselves are checked by the importer (decodeCsvBytes: binary, UTF-8).
 */
export async function readCsvUpload(request: Request, maxBytes: number): Promise<CsvUpload> {
  let file: FormDataEntryValue | null
  try {
    const upload = unstable_createMemoryUploadHandler({ maxPartSize: maxBytes })
    file = (await unstable_parseMultipartFormData(request, upload)).get('file')
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, reason: 'tooLarge' }
    // Not a multipart body at all, or a malformed one (a hand-made request): there is no file to read. The
    // parts are read into memory, so nothing but the body itself can fail here.
    return { ok: false, reason: 'noFile' }
  }
  if (!(file instanceof File) || file.size === 0) return { ok: false, reason: 'noFile' }
  if (!isTextUpload(file.type)) return { ok: false, reason: 'notCsv', type: file.type }
  return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()) }
}

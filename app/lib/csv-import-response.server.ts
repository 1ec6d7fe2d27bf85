import { data } from '@remix-run/node'
import { attempt } from '#app/lib/errors.ts'
import { type CsvUpload, readCsvUpload } from './csv-upload.server.ts'

/** The first thousand problems show what is wrong with a file; a longer list helps nobody. */
export const SHOWN_IMPORT_ERRORS = 1000

export type CsvUnreadable = { status: 'unreadable'; message: string; values?: Record<string, unknown> }
export type CsvInvalid<E> = { status: 'invalid'; errors: E[]; total: number }
type Refusal = Extract<CsvUpload, { ok: false }>['reason']
type Result<Done, E> = Done | { status: 'unreadable'; message: string } | { status: 'invalid'; errors: E[] }

/**
 * The answer to a CSV upload, the same for every importer: the upload read (at most `maxBytes`; refused with 400,
 * and `Connection: close` when too large, since the rest of the body is left unread), the import run, and its
 * result as the page shows it: done, unreadable (400, or the status of the service's refusal) or invalid (422,
 * the first SHOWN_IMPORT_ERRORS problems and their count). Callers check the record first (another org's is a 404
 * and its body is never read).
 */
export async function csvImportResponse<Done extends { status: 'imported' }, E>(
  request: Request,
  input: {
    maxBytes: number
    /** The message key of an upload refused before any row is read. */
    refusal: (reason: Refusal) => string
    run: (bytes: Uint8Array) => Promise<Result<Done, E>>
  },
) {
  type Outcome = Done | CsvUnreadable | CsvInvalid<E>
  const refuse = (message: string, values?: Record<string, unknown>, headers?: HeadersInit) =>
    data<Outcome>({ status: 'unreadable', message, values }, { status: 400, headers })
  const upload = await readCsvUpload(request, input.maxBytes)
  if (!upload.ok) {
    const headers = upload.reason === 'tooLarge' ? { Connection: 'close' } : undefined
    return refuse(input.refusal(upload.reason), upload.type ? { type: upload.type } : undefined, headers)
  }
  const attempted = await attempt(() => input.run(upload.bytes))
  if (!attempted.ok)
    return data<Outcome>(
      { status: 'unreadable', message: attempted.error.message },
      { status: attempted.error.status },
    )
  const result = attempted.value
  if (result.status === 'unreadable') return refuse(result.message)
  if (result.status === 'invalid') {
    const errors = result.errors.slice(0, SHOWN_IMPORT_ERRORS)
    return data<Outcome>({ status: 'invalid', errors, total: result.errors.length }, { status: 422 })
  }
  return data<Outcome>(result as Done)
}

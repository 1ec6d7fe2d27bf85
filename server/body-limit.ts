import type { NextFunction, Request, Response } from 'express'

/** Bodies an action parses whole in memory; anything else (multipart, a raw file) streams to storage. */
const inMemoryTypes = ['application/x-www-form-urlencoded', 'application/json', 'text/plain']
const MB = 1024 * 1024

export type BodyLimits = { formMaxKb: number; uploadMaxMb: number }

/** The most a body of this content type may declare: a form's limit, or an upload's plus its multipart framing. */
export function bodyLimitFor(contentType: string | undefined, limits: BodyLimits): number {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase()
  return inMemoryTypes.includes(type) ? limits.formMaxKb * 1024 : limits.uploadMaxMb * MB + MB
}

/**
 * Refuses a body that declares more than its limit with 413 before a byte of it is read, and closes the connection
 * (the unread rest cannot be skipped). A body without a length (chunked) is counted as it streams by whatever reads
 * it: the form reader (readForm) stops at FORM_MAX_KB, uploads at UPLOAD_MAX_MB.
 */
export function bodyLimit(limits: BodyLimits) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next()
    const declared = Number(req.get('content-length'))
    const limit = bodyLimitFor(req.get('content-type'), limits)
    if (Number.isFinite(declared) && declared > limit) {
      const size = limit >= MB ? `${Math.floor(limit / MB)} MB` : `${Math.floor(limit / 1024)} KB`
      res.set('connection', 'close')
      res
        .status(413)
        .type('text/plain')
        .send(`The request body is too large: at most ${size} is accepted here.`)
      return
    }
    next()
  }
}

/** Typed errors services throw; routes turn them into responses with the mapped status. */
export const errorStatus = {
  bad_request: 400,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  invalid: 422,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  gone: 410,
} as const

export type ErrorCode = keyof typeof errorStatus

export class AppError extends Error {
  constructor(
    public code: ErrorCode,
    message: string,
    public details?: Record<string, unknown>,
  ) {
    super(message)
  }
  get status() {
    return errorStatus[this.code]
  }
}

/**
 * A typed error as the response its code maps to, for routes to throw: Remix answers a thrown Response as it is,
 * where any other error would be a 500.
 */
export function errorResponse(error: AppError, headers?: HeadersInit): Response {
  const response = new Response(error.message, { status: error.status, headers })
  response.headers.set('content-type', 'text/plain; charset=utf-8')
  return response
}

/** Input no handler could read (a malformed body, a NUL byte in a filter): the client must change the request. */
export function badRequest(message: string): never {
  throw errorResponse(new AppError('bad_request', message))
}

/** The record does not exist or is not the caller's to see (the two are never told apart). */
export function notFound(message = 'Not found'): never {
  throw errorResponse(new AppError('not_found', message))
}

/** The caller may see this but not do it. */
export function forbidden(message = 'Forbidden'): never {
  throw errorResponse(new AppError('forbidden', message))
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: AppError }

/** For actions: runs a service and hands its typed refusal back as a value, to show it on the form. */
export async function attempt<T>(fn: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await fn() }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error }
    throw error
  }
}

/** For loaders: a service's typed refusal becomes the response its code maps to (another org's record → 404). */
export async function orRespond<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (error instanceof AppError) throw errorResponse(error)
    throw error
  }
}

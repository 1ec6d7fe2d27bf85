/** Typed errors services throw; routes turn them into responses with the mapped status. */
export const errorStatus = {
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  invalid: 422,
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

export function notFound(message = 'Not found'): never {
  throw new Response(message, { status: 404 })
}

export function forbidden(message = 'Forbidden'): never {
  throw new Response(message, { status: 403 })
}

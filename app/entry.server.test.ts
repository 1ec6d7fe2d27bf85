import { UNSAFE_ErrorResponseImpl as ErrorResponse } from '@remix-run/router'
import { describe, expect, test, vi } from 'vitest'
import type { TandemLoadContext } from '#app/lib/load-context.ts'
import { handleError } from './entry.server.tsx'

function contextWith(error: ReturnType<typeof vi.fn>) {
  return { logger: { error } } as unknown as TandemLoadContext
}

describe('handleError', () => {
  test('a refusal Remix raised itself (unknown path, no action) is not logged as an error', () => {
    const error = vi.fn()
    const request = new Request('http://localhost/nowhere')
    handleError(new ErrorResponse(404, 'Not Found', 'no route'), { request, context: contextWith(error) })
    handleError(new ErrorResponse(405, 'Method Not Allowed', 'no action'), {
      request,
      context: contextWith(error),
    })
    expect(error).not.toHaveBeenCalled()
  })

  test('a server error is logged with its cause', () => {
    const error = vi.fn()
    const request = new Request('http://localhost/quotes')
    const cause = new Error('database down')
    handleError(cause, { request, context: contextWith(error) })
    expect(error).toHaveBeenCalledWith({ err: cause, url: request.url }, 'unhandled error')
  })
})

import { AppError } from '#app/lib/errors.ts'

/** Chat's HTTP endpoints answer JSON; a service's typed refusal becomes `{ error }` (an i18n key) and its status. */
export async function jsonReply<T>(fn: () => Promise<T | Response>): Promise<Response> {
  try {
    const result = await fn()
    if (result instanceof Response) return result
    return Response.json(result, { headers: { 'cache-control': 'no-store' } })
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: error.status })
    throw error
  }
}

export function invalid(issues: { message: string }[]) {
  return Response.json({ error: issues[0]?.message ?? 'chat:errors.invalid' }, { status: 422 })
}

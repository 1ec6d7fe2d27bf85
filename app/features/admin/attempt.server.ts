import { AppError } from '#app/lib/errors.ts'

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: AppError }

/** Runs a service and hands its typed refusal back as a value, so an action can show it on the form. */
export async function attempt<T>(fn: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await fn() }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error }
    throw error
  }
}

/** For loaders: a service's typed error becomes the HTTP response it maps to (another org's record → 404). */
export async function orRespond<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (error instanceof AppError) throw new Response(error.message, { status: error.status })
    throw error
  }
}

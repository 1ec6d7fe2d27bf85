import { AppError } from '#app/lib/errors.ts'

/** The whole error chain's messages (drizzle wraps the driver's error, so a policy's message is in the cause). */
export function errorText(error: unknown): string {
  const parts: string[] = []
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    parts.push(String(e.message ?? e))
  }
  return parts.join(' | ')
}

/** What `run` failed with, as text, or 'no error'. */
export async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run()
  } catch (error) {
    return errorText(error)
  }
  return 'no error'
}

/** Like failure(), with a service refusal's code first (`conflict:forecasts:errors.liftApplied`). */
export async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run()
  } catch (error) {
    return error instanceof AppError ? `${error.code}:${error.message}` : errorText(error)
  }
  return 'no error'
}

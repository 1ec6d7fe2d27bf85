import { getConfig } from '#config/env.ts'

/**
 * Where to go after sign-in or a language switch: `to` only when, resolved against the public origin as a
 * browser would resolve it (tabs and newlines dropped, `\` read as `/`), it stays on that origin; `/` otherwise.
 * The answer is the path alone, and never one starting with `//`, which a browser reads as another host.
 */
export function safeRedirect(
  to: FormDataEntryValue | string | null | undefined,
  origin: string = getConfig().APP_ORIGIN,
) {
  if (typeof to !== 'string' || to === '') return '/'
  let url: URL
  try {
    url = new URL(to, origin)
  } catch {
    return '/'
  }
  if (url.origin !== origin) return '/'
  const path = `${url.pathname}${url.search}${url.hash}`
  return path.startsWith('//') ? '/' : path
}

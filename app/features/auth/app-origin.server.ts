import { getConfig } from '#server/config.ts'

/** The origin for links in emails: the configured public one, else the one this request came in on. */
export function appOrigin(request: Request) {
  return getConfig().APP_ORIGIN ?? new URL(request.url).origin
}

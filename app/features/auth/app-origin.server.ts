import { getConfig } from '#config/env.ts'

/**
 * The origin for links in emails: the configured public one (APP_ORIGIN, by default http://localhost:PORT),
 * never a request's Host, which the client chooses.
 */
export function appOrigin() {
  return getConfig().APP_ORIGIN
}

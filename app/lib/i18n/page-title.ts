import { createInstance } from 'i18next'
import { fallbackLng, i18nConfig, isSupported } from './config.ts'

// Meta functions run outside React, so they cannot use the provider's instance; the resources are
// bundled, so one synchronously initialised instance with the same config serves both server and client.
const titles = createInstance()
titles.init({ ...i18nConfig, initImmediate: false })

type RouteMatch = { id: string; data?: unknown }

function localeOf(matches: readonly RouteMatch[]): string {
  const root = matches.find((match) => match.id === 'root')?.data
  const locale = root && typeof root === 'object' && 'locale' in root ? root.locale : undefined
  return typeof locale === 'string' && isSupported(locale) ? locale : fallbackLng
}

/** "<record> · <page> · Tandem" in the page's language; `key` names a string under `common:titles`. */
export function pageTitle(matches: readonly RouteMatch[], key: string, record?: string | null): string {
  const page = titles.getFixedT(localeOf(matches), 'common')(`titles.${key}`)
  return [record, page, 'Tandem'].filter(Boolean).join(' · ')
}

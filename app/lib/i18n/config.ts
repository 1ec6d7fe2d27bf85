import { formatInterpolation } from './format-number.ts'
import { resources } from './resources.ts'

export const supportedLngs = ['en', 'fa', 'he'] as const
export type Locale = (typeof supportedLngs)[number]
export const fallbackLng: Locale = 'en'
const rtl = new Set<string>(['fa', 'ar', 'he', 'ur'])

export function isSupported(lng: string | null | undefined): lng is Locale {
  return !!lng && (supportedLngs as readonly string[]).includes(lng)
}

export function directionOf(lng: string): 'rtl' | 'ltr' {
  return rtl.has(lng.split('-')[0]) ? 'rtl' : 'ltr'
}

export const i18nConfig = {
  supportedLngs: [...supportedLngs],
  fallbackLng,
  defaultNS: 'common',
  ns: Object.keys(resources.en),
  resources,
  // Numbers in translated text use the language's digits (Persian ۳۰, not 30).
  interpolation: { escapeValue: false, alwaysFormat: true, format: formatInterpolation },
}

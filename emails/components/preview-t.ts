import { createInstance, type TFunction } from 'i18next'
import { i18nConfig } from '#app/lib/i18n/config.ts'

/** A synchronous English translator for the react-email preview server (PreviewProps cannot await). */
export function previewT(locale = 'en'): TFunction {
  const instance = createInstance()
  void instance.init({ ...i18nConfig, lng: locale, initImmediate: false })
  return instance.getFixedT(locale, 'emails')
}

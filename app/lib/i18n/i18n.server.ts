import { createCookie } from '@remix-run/node'
import { createInstance, type TFunction } from 'i18next'
import { RemixI18Next } from 'remix-i18next/server'
import { fallbackLng, i18nConfig, isSupported, type Locale, supportedLngs } from './config.ts'

export const localeCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 31536000,
})

const detector = new RemixI18Next({
  detection: { supportedLanguages: [...supportedLngs], fallbackLanguage: fallbackLng, cookie: localeCookie },
  i18next: i18nConfig,
})

/** The chosen language: an explicit choice (cookie), then the user's and org's preference, then the browser's. */
export async function resolveLocale(
  request: Request,
  preferences: { user?: string | null; org?: string | null } = {},
): Promise<Locale> {
  const chosen = await localeCookie.parse(request.headers.get('cookie'))
  if (isSupported(chosen)) return chosen
  if (isSupported(preferences.user)) return preferences.user
  if (isSupported(preferences.org)) return preferences.org
  const detected = await detector.getLocale(request)
  return isSupported(detected) ? detected : fallbackLng
}

/** A translator for server-side text (emails, errors) in the given language. */
export async function getFixedT(locale: string, ns: string): Promise<TFunction> {
  const instance = createInstance()
  await instance.init({ ...i18nConfig, lng: locale })
  return instance.getFixedT(locale, ns)
}

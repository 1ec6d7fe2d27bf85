import { Form, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { supportedLngs } from '#app/lib/i18n/config.ts'

const names: Record<string, string> = { en: 'English', fa: 'فارسی', he: 'עברית' }

/** A plain form so switching works before JavaScript loads. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation()
  const location = useLocation()
  return (
    <Form method="post" action="/set-locale" className="flex items-center gap-1 text-sm">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <span className="sr-only">{t('language.label')}</span>
      {supportedLngs.map((lng) => (
        <button
          key={lng}
          type="submit"
          name="locale"
          value={lng}
          lang={lng}
          aria-current={i18n.language === lng ? 'true' : undefined}
          className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100 aria-[current=true]:font-semibold aria-[current=true]:text-brand-700"
        >
          {names[lng]}
        </button>
      ))}
    </Form>
  )
}

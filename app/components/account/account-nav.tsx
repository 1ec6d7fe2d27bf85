import { NavLink } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

const items = [
  { to: '/account/sessions', labelKey: 'nav.sessions' },
  { to: '/account/password', labelKey: 'nav.password' },
] as const

/** Tabs between the pages of "My account". */
export function AccountNav() {
  const { t } = useTranslation('account')
  return (
    <nav aria-label={t('nav.label')} className="mb-6 border-b border-slate-200">
      <ul className="flex gap-1">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              className={({ isActive }) =>
                `inline-block border-b-2 px-3 py-2 text-sm ${isActive ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`
              }
            >
              {t(item.labelKey)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}

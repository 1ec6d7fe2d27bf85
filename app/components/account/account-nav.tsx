import { useTranslation } from 'react-i18next'
import { TabLink } from '#app/components/ui/tab-link.tsx'

const items = [
  { to: '/account/sessions', labelKey: 'nav.sessions' },
  { to: '/account/password', labelKey: 'nav.password' },
  { to: '/account/notifications', labelKey: 'nav.notifications' },
] as const

/** Tabs between the pages of "My account". */
export function AccountNav() {
  const { t } = useTranslation('account')
  return (
    <nav aria-label={t('nav.label')} className="mb-6 border-b border-slate-200">
      <ul className="flex gap-1">
        {items.map((item) => (
          <li key={item.to}>
            <TabLink to={item.to}>{t(item.labelKey)}</TabLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}

import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Outlet, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LanguageSwitcher } from '#app/components/language-switcher.tsx'
import { NotificationBell } from '#app/components/notifications/notification-bell.tsx'
import { OrgSwitcher } from '#app/components/org-switcher.tsx'
import { TabLink } from '#app/components/ui/tab-link.tsx'
import { navFor } from '#app/features/auth/nav.ts'
import { requireUser } from '#app/features/auth/require.server.ts'
import { listUserOrgs } from '#app/features/auth/user-orgs.server.ts'
import { countUnreadNotifications } from '#app/features/notifications/list-notifications.server.ts'
import { runService } from '#app/features/service-context.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request)
  const [orgs, unreadNotifications] = await Promise.all([
    listUserOrgs(auth.user.id),
    runService(auth, context, countUnreadNotifications),
  ])
  // An explicit, minimal selection: nothing else about the session reaches the browser.
  return {
    user: { id: auth.user.id, name: auth.user.name, email: auth.user.email },
    org: { id: auth.org.id, name: auth.org.name, kind: auth.org.kind },
    role: auth.role,
    nav: navFor(auth.role),
    orgs,
    unreadNotifications,
  }
}

export default function AppShell() {
  const { user, org, role, nav, orgs, unreadNotifications } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-10 focus:bg-white focus:p-2"
      >
        {t('skipToContent')}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <span className="text-lg font-bold text-brand-700">Tandem</span>
          {orgs.length > 1 ? (
            <OrgSwitcher current={org.id} orgs={orgs} />
          ) : (
            <span className="text-sm text-slate-600">
              {org.name} · {t(`orgKind.${org.kind}`)}
            </span>
          )}
          <div className="ms-auto flex items-center gap-3">
            <NotificationBell unread={unreadNotifications} orgId={org.id} />
            <LanguageSwitcher />
            <span className="text-sm text-slate-700">
              {user.name} <span className="text-slate-500">({t(`role.${role}`)})</span>
            </span>
            <Form method="post" action="/logout">
              <button
                type="submit"
                className="rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
              >
                {t('signOut')}
              </button>
            </Form>
          </div>
        </div>
        <nav aria-label={t('nav.label')} className="mx-auto max-w-7xl px-4">
          <ul className="flex flex-wrap gap-1">
            {nav.map((item) => (
              <li key={item.to}>
                <TabLink to={item.to}>{t(item.labelKey)}</TabLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        <Outlet />
      </main>
    </div>
  )
}

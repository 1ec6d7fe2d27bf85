import type { Role } from '#db/schema/organizations.ts'
import { can, type Permission } from './permissions.ts'

export type NavItem = { to: string; labelKey: string; permission?: Permission }

/** The shell's navigation; items a role may not use are not shown (the routes refuse them anyway). */
export const navItems: NavItem[] = [
  { to: '/dashboard', labelKey: 'nav.dashboard' },
  { to: '/partners', labelKey: 'nav.partners', permission: 'partners:read' },
  { to: '/quotes', labelKey: 'nav.quotes', permission: 'quotes:read' },
  { to: '/invoices', labelKey: 'nav.invoices', permission: 'invoices:read' },
  { to: '/chat', labelKey: 'nav.chat', permission: 'chat:read' },
  { to: '/files', labelKey: 'nav.files', permission: 'documents:read' },
  { to: '/promotions', labelKey: 'nav.promotions', permission: 'promotions:read' },
  { to: '/claims', labelKey: 'nav.claims', permission: 'promotions:read' },
  { to: '/forecasts', labelKey: 'nav.forecasts', permission: 'forecasts:read' },
  { to: '/funds', labelKey: 'nav.funds', permission: 'funds:read' },
  { to: '/products', labelKey: 'nav.products', permission: 'products:read' },
  { to: '/admin/users', labelKey: 'nav.users', permission: 'users:read' },
  { to: '/admin/settings', labelKey: 'nav.settings', permission: 'org:settings' },
  { to: '/admin/audit', labelKey: 'nav.audit', permission: 'audit:read' },
  { to: '/admin/outbox', labelKey: 'nav.outbox', permission: 'outbox:read' },
  { to: '/account/sessions', labelKey: 'nav.account' },
]

export function navFor(role: Role) {
  return navItems.filter((item) => !item.permission || can(role, item.permission))
}

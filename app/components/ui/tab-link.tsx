import { NavLink } from '@remix-run/react'
import type { ReactNode } from 'react'

/** A tab in a nav bar: underlined while its page is open (NavLink also sets aria-current then). */
export function TabLink({ to, children, end }: { to: string; children: ReactNode; end?: boolean }) {
  return (
    <NavLink
      to={to}
      end={end}
      className={({ isActive }) =>
        `inline-block border-b-2 px-3 py-2 text-sm ${isActive ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`
      }
    >
      {children}
    </NavLink>
  )
}

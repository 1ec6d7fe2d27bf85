import type { ReactNode } from 'react'
import { LanguageSwitcher } from './language-switcher.tsx'

/** Centered card used by sign-in, password reset and invitation pages. */
export function AuthLayout({
  title,
  children,
  footer,
}: {
  title: ReactNode
  children: ReactNode
  footer?: ReactNode
}) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-6 flex items-center justify-between">
          <span className="text-xl font-bold text-brand-700">Tandem</span>
          <LanguageSwitcher />
        </div>
        <main className="rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
          <h1 className="mb-6 text-xl font-semibold text-slate-900">{title}</h1>
          {children}
        </main>
        {footer ? <div className="mt-4 text-center text-sm text-slate-600">{footer}</div> : null}
      </div>
    </div>
  )
}

import type { ReactNode } from 'react'

const styles = {
  success: 'bg-green-50 text-green-800 ring-green-600/20',
  info: 'bg-brand-50 text-brand-800 ring-brand-600/20',
  error: 'bg-red-50 text-red-800 ring-red-600/20',
} as const

/** A polite status line (success, info) or an alert (error) that screen readers announce. */
export function Notice({ tone, children }: { tone: keyof typeof styles; children: ReactNode }) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`mb-4 rounded-md p-3 text-sm ring-1 ring-inset ${styles[tone]}`}
    >
      {children}
    </div>
  )
}

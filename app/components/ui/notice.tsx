import type { ReactNode } from 'react'

/** A polite status line (success) or an alert (error) that screen readers announce. */
export function Notice({ tone, children }: { tone: 'success' | 'error'; children: ReactNode }) {
  const style =
    tone === 'success'
      ? 'bg-green-50 text-green-800 ring-green-600/20'
      : 'bg-red-50 text-red-800 ring-red-600/20'
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`mb-4 rounded-md p-3 text-sm ring-1 ring-inset ${style}`}
    >
      {children}
    </div>
  )
}

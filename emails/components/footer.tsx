import { Hr, Text } from '@react-email/components'
import type { ReactNode } from 'react'

export function Footer({ children }: { children: ReactNode }) {
  return (
    <>
      <Hr style={{ borderColor: '#e2e8f0', margin: '24px 0 16px' }} />
      <Text style={{ color: '#94a3b8', fontSize: 12, lineHeight: '18px', margin: 0 }}>{children}</Text>
    </>
  )
}

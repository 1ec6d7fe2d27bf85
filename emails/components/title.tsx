import { Heading } from '@react-email/components'
import type { ReactNode } from 'react'

export function Title({ children }: { children: ReactNode }) {
  return (
    <Heading style={{ color: '#0f172a', fontSize: 22, fontWeight: 600, margin: '0 0 16px' }}>
      {children}
    </Heading>
  )
}

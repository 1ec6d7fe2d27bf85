import { Text } from '@react-email/components'
import type { ReactNode } from 'react'

export function MainText({ children }: { children: ReactNode }) {
  return (
    <Text style={{ color: '#334155', fontSize: 15, lineHeight: '24px', margin: '0 0 12px' }}>{children}</Text>
  )
}

import { Body, Container, Head, Html, Preview } from '@react-email/components'
import type { ReactNode } from 'react'

const rtl = new Set(['fa', 'ar', 'he', 'ur'])

/** The frame of every email: language and direction on <html>, a preview line and a centered card. */
export function BaseEmail({
  locale,
  preview,
  children,
}: {
  locale: string
  preview: string
  children: ReactNode
}) {
  const dir = rtl.has(locale.split('-')[0]) ? 'rtl' : 'ltr'
  return (
    <Html lang={locale} dir={dir}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f1f5f9', fontFamily: 'Vazirmatn, Helvetica, Arial, sans-serif' }}>
        <Container
          style={{
            backgroundColor: '#ffffff',
            borderRadius: 12,
            margin: '32px auto',
            maxWidth: 560,
            padding: 32,
            textAlign: dir === 'rtl' ? 'right' : 'left',
          }}
        >
          {children}
        </Container>
      </Body>
    </Html>
  )
}

import { Button, Link, Section, Text } from '@react-email/components'

/** A button plus the raw link, for clients that strip buttons and for copy-paste. */
export function CallToAction({ href, label, fallback }: { href: string; label: string; fallback: string }) {
  return (
    <Section style={{ margin: '24px 0' }}>
      <Button
        href={href}
        style={{
          backgroundColor: '#4f46e5',
          borderRadius: 6,
          color: '#ffffff',
          fontSize: 15,
          fontWeight: 600,
          padding: '12px 20px',
        }}
      >
        {label}
      </Button>
      <Text style={{ color: '#64748b', fontSize: 13, margin: '16px 0 0' }}>
        {fallback}{' '}
        <Link href={href} style={{ color: '#4f46e5', wordBreak: 'break-all' }}>
          {href}
        </Link>
      </Text>
    </Section>
  )
}

import { Link } from '@react-email/components'
import type { TFunction } from 'i18next'
import { BaseEmail } from './components/base-email.tsx'
import { CallToAction } from './components/call-to-action.tsx'
import { Footer } from './components/footer.tsx'
import { MainText } from './components/main-text.tsx'
import { previewT } from './components/preview-t.ts'
import { Title } from './components/title.tsx'

export type NotificationDigestEmailProps = {
  /** Unread notifications, newest first, already rendered in the reader's language (at most 20). */
  items: { text: string; at: string; url: string }[]
  /** How many more the email does not list. */
  more: number
  timeZone: string
  listUrl: string
  preferencesUrl: string
}

type Props = NotificationDigestEmailProps & { t: TFunction; locale: string }

// The strings live in the 'notifications' namespace, beside the notifications themselves.
export function notificationDigestSubject(t: TFunction, props: NotificationDigestEmailProps) {
  return t('notifications:email.subject', { count: props.items.length + props.more })
}

export default function NotificationDigestEmail({ t, locale, ...props }: Props) {
  const time = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: props.timeZone,
  })
  const count = props.items.length + props.more
  const first = props.items[0]?.text ?? ''
  return (
    <BaseEmail locale={locale} preview={t('notifications:email.preview', { count, first, more: count - 1 })}>
      <Title>{t('notifications:email.title')}</Title>
      <MainText>{t('notifications:email.body', { count })}</MainText>
      {props.items.map((item) => (
        <MainText key={`${item.at}-${item.url}-${item.text.slice(0, 20)}`}>
          <strong>{item.text}</strong>
          <br />
          {time.format(new Date(item.at))} ·{' '}
          <Link href={item.url} style={{ color: '#4f46e5' }}>
            {t('notifications:email.open')}
          </Link>
        </MainText>
      ))}
      {props.more > 0 ? <MainText>{t('notifications:email.more', { count: props.more })}</MainText> : null}
      <CallToAction
        href={props.listUrl}
        label={t('notifications:email.cta')}
        fallback={t('common.linkFallback')}
      />
      <Footer>
        {t('notifications:email.footer')} {props.preferencesUrl}
      </Footer>
    </BaseEmail>
  )
}

export const PreviewProps: Props = {
  t: previewT(),
  locale: 'en',
  items: [
    {
      text: 'Brightside Retail asked for $2,500.00 of funding for Spring display',
      at: '2026-11-23T09:12:00Z',
      url: 'http://localhost:3000/promotions/preview',
    },
  ],
  more: 0,
  timeZone: 'UTC',
  listUrl: 'http://localhost:3000/notifications',
  preferencesUrl: 'http://localhost:3000/account/notifications',
}

import type { TFunction } from 'i18next'
import { BaseEmail } from './components/base-email.tsx'
import { CallToAction } from './components/call-to-action.tsx'
import { Footer } from './components/footer.tsx'
import { MainText } from './components/main-text.tsx'
import { previewT } from './components/preview-t.ts'
import { Title } from './components/title.tsx'

export type ChatDigestEmailProps = {
  channelName: string
  /** Unread messages, oldest first (at most 20). */
  messages: { author: string; org: string; at: string; text: string }[]
  /** How many more unread messages the email does not list. */
  more: number
  timeZone: string
  channelUrl: string
  preferencesUrl: string
}

type Props = ChatDigestEmailProps & { t: TFunction; locale: string }

export function chatDigestSubject(t: TFunction, props: ChatDigestEmailProps) {
  return t('chatDigest.subject', { count: props.messages.length + props.more, channel: props.channelName })
}

export default function ChatDigestEmail({ t, locale, ...props }: Props) {
  const time = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: props.timeZone,
  })
  const count = props.messages.length + props.more
  return (
    <BaseEmail locale={locale} preview={t('chatDigest.preview', { count, channel: props.channelName })}>
      <Title>{t('chatDigest.title', { channel: props.channelName })}</Title>
      <MainText>{t('chatDigest.body', { count })}</MainText>
      {props.messages.map((m) => (
        <MainText key={`${m.at}-${m.author}-${m.text.slice(0, 20)}`}>
          <strong>{m.author}</strong> ({m.org}), {time.format(new Date(m.at))}:
          <br />
          {m.text}
        </MainText>
      ))}
      {props.more > 0 ? <MainText>{t('chatDigest.more', { count: props.more })}</MainText> : null}
      <CallToAction href={props.channelUrl} label={t('chatDigest.cta')} fallback={t('common.linkFallback')} />
      <Footer>
        {t('chatDigest.footer')} {props.preferencesUrl}
      </Footer>
    </BaseEmail>
  )
}

export const PreviewProps: Props = {
  t: previewT(),
  locale: 'en',
  channelName: 'Acme Appliances ⇄ Brightside Retail',
  messages: [
    {
      author: 'Bella Brightside',
      org: 'Brightside Retail',
      at: '2026-11-23T09:12:00Z',
      text: 'Store list is coming.',
    },
  ],
  more: 0,
  timeZone: 'UTC',
  channelUrl: 'http://localhost:3000/chat/preview',
  preferencesUrl: 'http://localhost:3000/account/notifications',
}

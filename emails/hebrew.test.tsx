import { render } from '@react-email/render'
import { describe, expect, test } from 'vitest'
import { getFixedT } from '#app/lib/i18n/i18n.server.ts'
import ChatDigestEmail, { type ChatDigestEmailProps, chatDigestSubject } from './chat-digest.tsx'

const props: ChatDigestEmailProps = {
  channelName: 'חנויות כרמל',
  messages: [
    { author: 'נועה כהן', org: 'חנויות כרמל', at: '2026-12-01T09:00:00Z', text: 'שלום, מתי תגיע ההזמנה?' },
    { author: 'נועה כהן', org: 'חנויות כרמל', at: '2026-12-01T09:05:00Z', text: 'תודה!' },
  ],
  more: 0,
  timeZone: 'Asia/Jerusalem',
  channelUrl: 'https://tandem.example/chat/1',
  preferencesUrl: 'https://tandem.example/account/notifications',
}

describe('emails in Hebrew', () => {
  test('use the Hebrew dual form and read right to left', async () => {
    const t = await getFixedT('he', 'emails')
    expect(chatDigestSubject(t, props)).toBe('2 הודעות שלא נקראו ב-חנויות כרמל')
    const html = await render(<ChatDigestEmail t={t} locale="he" {...props} />)
    expect(html).toContain('lang="he"')
    expect(html).toContain('dir="rtl"')
    expect(html).toContain('פתיחת השיחה')
    // Gregorian calendar, Western digits.
    expect(html).toMatch(/2026/)
  })
})

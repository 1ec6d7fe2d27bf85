import { Fragment } from 'react'
import type { ChannelMember } from '#app/features/chat/message-types.ts'

/** Plain text with the message's @mentions highlighted (text only: nothing a sender writes becomes markup). */
export function MessageBody({
  body,
  mentions,
  members,
}: {
  body: string
  mentions: string[]
  members: ChannelMember[]
}) {
  const names = members.filter((m) => mentions.includes(m.id)).map((m) => `@${m.name}`)
  if (names.length === 0) return <>{body}</>
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  // Keyed by where each part starts in the text: stable and unique.
  let at = 0
  const parts = body.split(new RegExp(`(${escaped.join('|')})`, 'g')).map((text) => {
    const part = { text, start: at }
    at += text.length
    return part
  })
  return (
    <>
      {parts.map((part) =>
        names.includes(part.text) ? (
          <mark key={part.start} className="rounded bg-brand-50 px-0.5 font-medium text-brand-700">
            {part.text}
          </mark>
        ) : (
          <Fragment key={part.start}>{part.text}</Fragment>
        ),
      )}
    </>
  )
}

import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelMember, MessageDTO, ReadMark } from '#app/features/chat/message-types.ts'
import { useChannelSubscription } from '#app/lib/realtime/use-channel.ts'
import { changeMessage, markRead } from './chat-api.ts'
import { type Attachable, Composer } from './composer.tsx'
import { MessageItem } from './message-item.tsx'
import { PendingItem } from './pending-item.tsx'
import { PresenceList, type PresenceState } from './presence-list.tsx'
import { SearchMessages } from './search-messages.tsx'
import { useChatMessages } from './use-chat-messages.ts'

export type ChannelView = {
  channel: { id: string; name: string; partnerName: string | null }
  canPost: boolean
  open: boolean
  members: ChannelMember[]
  messages: MessageDTO[]
  hasOlder: boolean
  reads: ReadMark[]
  myLastReadId: number
  attachable: Attachable[]
}

const TYPING_SHOWN_MS = 4000

/** A live channel: history with scroll-back, pushes merged by id, typing, presence, read marks, the composer. */
export function ChatPanel({
  view,
  me,
  compact = false,
}: {
  view: ChannelView
  me: { id: string }
  compact?: boolean
}) {
  const { t } = useTranslation('chat')
  const channelId = view.channel.id
  const chat = useChatMessages(channelId, view.messages, view.hasOlder)
  const [reads, setReads] = useState(view.reads)
  const [typing, setTyping] = useState<Record<string, { name: string; until: number }>>({})
  const [presence, setPresence] = useState<Record<string, PresenceState>>({})
  const [replyTo, setReplyTo] = useState<MessageDTO | null>(null)
  const [connected, setConnected] = useState(true)
  const list = useRef<HTMLOListElement>(null)
  const stick = useRef(true)
  const lastMarked = useRef(view.myLastReadId)

  const realtime = useChannelSubscription(channelId, {
    onMessage: (m: MessageDTO) => chat.add([m]),
    onUpdate: (m: MessageDTO) => chat.add([m]),
    onRead: (mark: ReadMark) =>
      setReads((all) =>
        [...all.filter((r) => r.userId !== mark.userId), mark].filter((r) => r.userId !== me.id),
      ),
    onTyping: (e: { userId: string; name: string }) => {
      if (e.userId === me.id) return
      setTyping((all) => ({ ...all, [e.userId]: { name: e.name, until: Date.now() + TYPING_SHOWN_MS } }))
    },
    onPresence: (e: { userId: string; state: PresenceState }) =>
      setPresence((all) => ({ ...all, [e.userId]: e.state })),
    onPresenceSnapshot: (entries: { userId: string; state: PresenceState }[]) =>
      setPresence(Object.fromEntries(entries.map((e) => [e.userId, e.state]))),
    onResync: () => void chat.catchUp(),
    onConnectionChange: setConnected,
  })

  // Typing notices fade out on their own.
  useEffect(() => {
    const timer = setInterval(() => {
      setTyping((all) => {
        const now = Date.now()
        const kept = Object.entries(all).filter(([, v]) => v.until > now)
        return kept.length === Object.keys(all).length ? all : Object.fromEntries(kept)
      })
    }, 1000)
    return () => clearInterval(timer)
  }, [])

  // Keep the view at the newest message unless the reader scrolled up; mark what is visible as read (a closed
  // channel keeps no read marks: the server refuses them).
  const newest = chat.messages.at(-1)?.id ?? 0
  const open = view.open
  useEffect(() => {
    const el = list.current
    if (el && stick.current) el.scrollTop = el.scrollHeight
    if (open && newest > lastMarked.current && document.visibilityState === 'visible' && stick.current) {
      lastMarked.current = newest
      void markRead(channelId, newest)
    }
  }, [newest, channelId, open])

  useEffect(() => {
    const onVisible = () => {
      if (open && document.visibilityState === 'visible' && newest > lastMarked.current) {
        lastMarked.current = newest
        void markRead(channelId, newest)
      }
    }
    document.addEventListener('visibilitychange', onVisible)
    return () => document.removeEventListener('visibilitychange', onVisible)
  }, [newest, channelId, open])

  // "Seen by": each other reader under the newest message they have read.
  const seenBy = useMemo(() => {
    const byMessage = new Map<number, string[]>()
    const ids = chat.messages.map((m) => m.id)
    for (const r of reads) {
      const at = ids.filter((id) => id <= r.lastReadId).at(-1)
      if (at !== undefined) byMessage.set(at, [...(byMessage.get(at) ?? []), r.name])
    }
    return byMessage
  }, [reads, chat.messages])

  async function onChange(message: MessageDTO, fields: [string, string][]) {
    const result = await changeMessage(channelId, message.id, fields)
    if (result.ok) {
      chat.add([result.message])
      return null
    }
    return result.error
  }

  const typingNames = Object.values(typing).map((v) => v.name)

  return (
    <section
      className={`flex flex-col rounded-lg border border-slate-200 bg-white ${compact ? 'h-[32rem]' : 'h-[calc(100vh-12rem)] min-h-96'}`}
      aria-label={t('panel.label', { name: view.channel.name })}
    >
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">{view.channel.name}</h2>
          {view.channel.partnerName ? (
            <p className="text-xs text-slate-500">{t('panel.with', { name: view.channel.partnerName })}</p>
          ) : null}
        </div>
        <div className="flex items-center gap-3">
          <PresenceList members={view.members} presence={presence} me={me.id} />
          {!compact ? <SearchMessages channelId={channelId} members={view.members} /> : null}
        </div>
      </header>
      {!connected ? (
        <p role="status" className="bg-amber-50 px-4 py-1 text-xs text-amber-800">
          {t('panel.reconnecting')}
        </p>
      ) : null}
      <ol
        ref={list}
        className="flex-1 overflow-y-auto py-2"
        aria-live="polite"
        aria-relevant="additions"
        onScroll={(e) => {
          const el = e.currentTarget
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40
          if (el.scrollTop < 80 && chat.hasOlder && !chat.loadingOlder) void chat.loadOlder()
        }}
      >
        {chat.hasOlder ? (
          <li className="px-4 py-1 text-center">
            <button
              type="button"
              className="text-xs text-brand-700 hover:underline"
              onClick={() => void chat.loadOlder()}
              disabled={chat.loadingOlder}
            >
              {chat.loadingOlder ? t('panel.loading') : t('panel.older')}
            </button>
          </li>
        ) : null}
        {chat.messages.length === 0 && chat.pending.length === 0 ? (
          <li className="px-4 py-8 text-center text-sm text-slate-500">{t('panel.empty')}</li>
        ) : null}
        {chat.messages.map((m) => (
          <MessageItem
            key={m.id}
            message={m}
            me={me.id}
            members={view.members}
            canPost={view.canPost}
            seenBy={seenBy.get(m.id) ?? []}
            onReply={setReplyTo}
            onChange={onChange}
          />
        ))}
        {chat.pending.map((p) => (
          <PendingItem key={p.clientId} pending={p} onRetry={chat.retry} onDiscard={chat.discard} />
        ))}
      </ol>
      <p className="h-5 px-4 text-xs text-slate-500" aria-live="polite">
        {typingNames.length
          ? t('panel.typing', { names: typingNames.join(', '), count: typingNames.length })
          : ''}
      </p>
      {view.canPost ? (
        <Composer
          members={view.members.filter((m) => m.id !== me.id)}
          attachable={view.attachable}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          onTyping={() => realtime.sendTyping()}
          onSend={(draft) => {
            stick.current = true
            void chat.send(draft)
          }}
        />
      ) : (
        <p className="border-t border-slate-200 px-4 py-3 text-sm text-slate-600">
          {view.open ? t('panel.readOnly') : t('panel.closed')}
        </p>
      )}
    </section>
  )
}

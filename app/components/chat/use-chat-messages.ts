import { useCallback, useRef, useState } from 'react'
import type { MessageDTO } from '#app/features/chat/message-types.ts'
import { fetchMessages, sendMessage } from './chat-api.ts'

export type Pending = {
  clientId: string
  body: string
  replyToId?: number
  mentions: string[]
  attachmentIds: string[]
  status: 'sending' | 'failed'
  error?: string
}

/** Messages by id, so a push, a catch-up fetch and a send's own response can all arrive without duplicates. */
function merge(list: MessageDTO[], incoming: MessageDTO[]) {
  if (incoming.length === 0) return list
  const byId = new Map(list.map((m) => [m.id, m]))
  for (const m of incoming) byId.set(m.id, m)
  return [...byId.values()].sort((a, b) => a.id - b.id)
}

/**
 * The message state of one open channel: merges by id, catches up after the last id on reconnect, keeps failed
 * sends with their clientId so "retry" can never post twice.
 */
export function useChatMessages(channelId: string, initial: MessageDTO[], hasOlderInitially: boolean) {
  const [messages, setMessages] = useState(initial)
  const [pending, setPending] = useState<Pending[]>([])
  const [hasOlder, setHasOlder] = useState(hasOlderInitially)
  const [loadingOlder, setLoadingOlder] = useState(false)
  const latest = useRef(messages)
  latest.current = messages

  const add = useCallback((incoming: MessageDTO[]) => {
    setMessages((list) => merge(list, incoming))
    const ids = new Set(incoming.map((m) => m.clientId))
    setPending((list) => list.filter((p) => !ids.has(p.clientId)))
  }, [])

  const catchUp = useCallback(async () => {
    // Pages of 200 until nothing is left: after a long disconnect there may be more than one page.
    for (let round = 0; round < 50; round++) {
      const last = latest.current.at(-1)?.id ?? 0
      const batch = await fetchMessages(channelId, { after: last, limit: 200 }).catch(() => [])
      add(batch)
      latest.current = merge(latest.current, batch)
      if (batch.length < 200) return
    }
  }, [add, channelId])

  const loadOlder = useCallback(async () => {
    const first = latest.current[0]?.id
    if (!first || loadingOlder) return
    setLoadingOlder(true)
    try {
      const batch = await fetchMessages(channelId, { before: first, limit: 50 })
      add(batch)
      setHasOlder(batch.length === 50)
    } finally {
      setLoadingOlder(false)
    }
  }, [add, channelId, loadingOlder])

  const send = useCallback(
    async (draft: Omit<Pending, 'status' | 'clientId'> & { clientId?: string }) => {
      const clientId = draft.clientId ?? crypto.randomUUID()
      const item: Pending = { ...draft, clientId, status: 'sending' }
      setPending((list) => [...list.filter((p) => p.clientId !== clientId), item])
      const result = await sendMessage(channelId, item)
      if (result.ok) {
        add([result.message])
        return
      }
      setPending((list) =>
        list.map((p) => (p.clientId === clientId ? { ...p, status: 'failed', error: result.error } : p)),
      )
    },
    [add, channelId],
  )

  const retry = useCallback(
    (clientId: string) => {
      const item = pending.find((p) => p.clientId === clientId)
      if (item) void send(item)
    },
    [pending, send],
  )

  const discard = useCallback((clientId: string) => {
    setPending((list) => list.filter((p) => p.clientId !== clientId))
  }, [])

  return { messages, pending, hasOlder, loadingOlder, add, catchUp, loadOlder, send, retry, discard }
}

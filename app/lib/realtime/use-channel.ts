import { useEffect, useRef } from 'react'
import {
  type ChannelHandlers,
  onUserEvent,
  sendTyping,
  subscribeChannel,
  type UserEventName,
} from './socket.client.ts'

type AnyHandlers = { [K in keyof ChannelHandlers]?: (...args: never[]) => void }

/**
 * Subscribes a component to a channel's pushes for as long as it is mounted. Handlers are read through a ref, so
 * callers may pass new closures on every render without resubscribing.
 */
export function useChannelSubscription(channelId: string, handlers: AnyHandlers) {
  const latest = useRef(handlers)
  latest.current = handlers
  useEffect(() => {
    const call =
      (key: keyof ChannelHandlers) =>
      (...args: unknown[]) =>
        (latest.current[key] as ((...a: unknown[]) => void) | undefined)?.(...args)
    return subscribeChannel(channelId, {
      onMessage: call('onMessage'),
      onUpdate: call('onUpdate'),
      onRead: call('onRead'),
      onTyping: call('onTyping'),
      onPresence: call('onPresence'),
      onPresenceSnapshot: call('onPresenceSnapshot'),
      onResync: call('onResync'),
      onConnectionChange: call('onConnectionChange'),
    })
  }, [channelId])
  return { sendTyping: () => sendTyping(channelId) }
}

/** Events for the signed-in user rather than one channel (new activity anywhere, for unread counts). */
export function useUserEvent(event: UserEventName, handler: (payload: unknown) => void) {
  const latest = useRef(handler)
  latest.current = handler
  useEffect(() => onUserEvent(event, (payload) => latest.current(payload)), [event])
}

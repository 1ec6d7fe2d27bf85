import { publish, publishToChannelReaders, rooms } from '#app/lib/realtime/publish.server.ts'
import type { FoundChannel } from './find-channel.server.ts'
import type { MessageDTO, ReadMark } from './message-types.ts'

// Pushes happen only after the change committed (routes call these once runService has returned), so a client
// that receives a push can always fetch what it names.

/** What the channel list hears of a new message elsewhere: enough to refresh its unread counts, nothing more. */
export type ChannelActivity = { channelId: string }

/**
 * The message to the channel's room; activity to everyone of both orgs who may open the channel (a member_own
 * never hears of a record thread it cannot open). Activity carries no message id: ids come from one counter
 * across all tenants, and their gaps would show other tenants' chat volume.
 */
export function publishNewMessage(found: FoundChannel, message: MessageDTO) {
  publish(rooms.channel(message.channelId), 'message:new', message)
  const activity: ChannelActivity = { channelId: message.channelId }
  publishToChannelReaders(
    { channelId: message.channelId, orgIds: orgsOf(found) },
    'channel:activity',
    activity,
  )
}

/** Edits, deletions and reactions: the whole message again, so clients replace theirs by id. */
export function publishUpdatedMessage(message: MessageDTO) {
  publish(rooms.channel(message.channelId), 'message:updated', message)
}

export function publishRead(channelId: string, mark: ReadMark) {
  publish(rooms.channel(channelId), 'read', { channelId, ...mark })
}

function orgsOf(found: FoundChannel) {
  return found.partnerOrgId ? [found.hostOrgId, found.partnerOrgId] : [found.hostOrgId]
}

import { publish, rooms } from '#app/lib/realtime/publish.server.ts'
import type { FoundChannel } from './find-channel.server.ts'
import type { MessageDTO, ReadMark } from './message-types.ts'

// Pushes happen only after the change committed (routes call these once runService has returned), so a client
// that receives a push can always fetch what it names.

export function publishNewMessage(found: FoundChannel, message: MessageDTO) {
  publish(rooms.channel(message.channelId), 'message:new', message)
  const activity = { channelId: message.channelId, lastMessageId: message.id, authorId: message.author.id }
  for (const orgId of orgsOf(found)) publish(rooms.org(orgId), 'channel:activity', activity)
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

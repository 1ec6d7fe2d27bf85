/** A chat message as the browser sees it (HTTP responses and socket pushes carry the same shape). */
export type MessageDTO = {
  id: number
  channelId: string
  clientId: string
  author: { id: string; name: string; orgId: string; orgName: string }
  body: string
  replyTo: { id: number; authorName: string; excerpt: string } | null
  mentions: string[]
  reactions: { emoji: string; count: number; mine: boolean; names: string[]; userIds: string[] }[]
  attachments: { documentId: string; name: string; byteSize: number; contentType: string }[]
  editedAt: string | null
  deletedAt: string | null
  createdAt: string
}

export type ReadMark = { userId: string; name: string; lastReadId: number }

export type ChannelMember = { id: string; name: string; orgName: string }

export const MAX_MESSAGE_LENGTH = 4000
export const quickReactions = ['👍', '❤️', '😄', '🎉', '👀', '✅'] as const

import { z } from 'zod'
import { IdSchema } from '#app/lib/ids.ts'
import { queryCursorSchema, queryTextSchema } from '#app/lib/query.ts'
import { MAX_MESSAGE_LENGTH } from './message-types.ts'

const Ids = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(IdSchema).max(10, 'chat:errors.tooManyAttachments'),
)

export const PostMessageSchema = z.object({
  body: z
    .string({ required_error: 'chat:errors.bodyRequired' })
    .trim()
    .min(1, 'chat:errors.bodyRequired')
    .max(MAX_MESSAGE_LENGTH, 'chat:errors.bodyTooLong'),
  clientId: z.string().uuid('chat:errors.clientId'),
  replyToId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  mentions: Ids,
  attachmentIds: Ids,
})
export type PostMessageInput = z.infer<typeof PostMessageSchema>

export const EditMessageSchema = z.object({
  intent: z.literal('edit'),
  body: PostMessageSchema.shape.body,
  mentions: Ids,
})

export const ReactSchema = z.object({
  intent: z.literal('react'),
  // One emoji (a grapheme cluster can be several code points), not free text.
  emoji: z
    .string()
    .min(1)
    .max(16)
    .regex(/^\p{Extended_Pictographic}(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f)*$/u),
})

export const MessageActionSchema = z.discriminatedUnion('intent', [
  EditMessageSchema,
  z.object({ intent: z.literal('delete') }),
  ReactSchema,
])

export const InternalChannelSchema = z.object({
  name: z.string().trim().min(1, 'chat:errors.nameRequired').max(80, 'chat:errors.nameTooLong'),
})

export const MessageQuerySchema = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  before: queryCursorSchema.optional(),
  q: queryTextSchema(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

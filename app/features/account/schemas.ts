import { z } from 'zod'
import { PasswordSchema } from '#app/features/auth/schemas.ts'

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ required_error: 'validation.required' }).max(200, 'validation.tooLong'),
    newPassword: PasswordSchema,
    confirm: z.string({ required_error: 'validation.required' }),
  })
  .refine((v) => v.newPassword === v.confirm, { message: 'validation.passwordMismatch', path: ['confirm'] })

export const SessionActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('revoke'), sessionId: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({ intent: z.literal('revoke-others') }),
])

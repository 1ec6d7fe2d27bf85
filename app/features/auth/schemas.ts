import { z } from 'zod'

// Messages are i18n keys (common namespace); ErrorList translates them.
export const EmailSchema = z
  .string({ required_error: 'validation.required' })
  .trim()
  .toLowerCase()
  .email('validation.email')
  .max(254, 'validation.tooLong')

export const PasswordSchema = z
  .string({ required_error: 'validation.required' })
  .min(10, 'validation.passwordTooShort')
  .max(200, 'validation.tooLong')

export const NameSchema = z
  .string({ required_error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(120, 'validation.tooLong')

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string({ required_error: 'validation.required' }).max(200, 'validation.tooLong'),
  redirectTo: z.string().optional(),
})

export const NewPasswordSchema = z
  .object({ password: PasswordSchema, confirm: z.string({ required_error: 'validation.required' }) })
  .refine((v) => v.password === v.confirm, { message: 'validation.passwordMismatch', path: ['confirm'] })

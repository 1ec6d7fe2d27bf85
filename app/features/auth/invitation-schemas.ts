import { z } from 'zod'
import type { OrgKind } from '#db/schema/organizations.ts'
import type { partnershipTiers } from '#db/schema/partnerships.ts'
import { roles } from './permissions.ts'
import { EmailSchema, NameSchema, PasswordSchema } from './schemas.ts'

// Repeated here rather than imported from db/schema, which would pull drizzle into the browser bundle.
export const tiers = [
  'platinum',
  'gold',
  'silver',
  'bronze',
  'standard',
] as const satisfies typeof partnershipTiers
export const partnerKinds = ['retailer', 'distributor', 'customer'] as const satisfies readonly OrgKind[]

// Messages are i18n keys (common namespace), like the shared schemas.
const choice = {
  errorMap: (issue: z.ZodIssueOptionalMessage) => ({
    message: issue.code === 'invalid_type' ? 'validation.required' : 'validation.invalidChoice',
  }),
}

export const InviteColleagueSchema = z.object({
  email: EmailSchema,
  role: z.enum(roles, choice),
})

export const InvitePartnerSchema = z.object({
  orgName: NameSchema,
  kind: z.enum(partnerKinds, choice),
  tier: z.enum(tiers, choice).default('standard'),
  email: EmailSchema,
})

const confirm = z.string({ required_error: 'validation.required' })

/** A new account chooses a name and a password. */
export const AcceptNewUserSchema = z
  .object({ name: NameSchema, password: PasswordSchema, confirm })
  .refine((v) => v.password === v.confirm, { message: 'validation.passwordMismatch', path: ['confirm'] })

/** An existing account proves itself with its current password, which stays unchanged. */
export const AcceptExistingUserSchema = z.object({
  password: z.string({ required_error: 'validation.required' }).max(200, 'validation.tooLong'),
})

export const ForgotPasswordSchema = z.object({ email: EmailSchema })

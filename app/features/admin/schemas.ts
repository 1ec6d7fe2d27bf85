import { z } from 'zod'
import { roles } from '#app/features/auth/permissions.ts'
import { supportedLngs } from '#app/lib/i18n/config.ts'

// Shared by the routes (server and client-side checks) and the services. Messages are i18n keys.

const currencies = new Set(Intl.supportedValuesOf('currency'))
// 'UTC' is the column default but V8 lists only region zones.
const timeZones = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])

export function timeZoneOptions() {
  return [...timeZones].sort()
}

export function currencyOptions() {
  return [...currencies].sort()
}

// Every language the app ships can be an organization's default.
export const orgLocales = supportedLngs

export const OrgSettingsSchema = z.object({
  name: z
    .string({ required_error: 'validation.required' })
    .trim()
    .min(1, 'validation.required')
    .max(120, 'validation.tooLong'),
  defaultCurrency: z
    .string({ required_error: 'validation.required' })
    .trim()
    .toUpperCase()
    .refine((v) => /^[A-Z]{3}$/.test(v) && currencies.has(v), 'validation.invalidCurrency'),
  locale: z.enum(orgLocales, { errorMap: () => ({ message: 'validation.invalidChoice' }) }),
  timeZone: z
    .string({ required_error: 'validation.required' })
    .refine((v) => timeZones.has(v), 'validation.invalidTimeZone'),
  billingAddress: z.string().trim().max(1000, 'validation.tooLong').optional().default(''),
  taxId: z.string().trim().max(100, 'validation.tooLong').optional().default(''),
  paymentInstructions: z.string().trim().max(2000, 'validation.tooLong').optional().default(''),
  /** The updated_at the form was loaded with: the concurrency token. */
  updatedAt: z.string().datetime({ offset: true }),
})

export type OrgSettingsInput = z.infer<typeof OrgSettingsSchema>

export const membershipStatuses = ['active', 'deactivated'] as const

export const RoleSchema = z.enum(roles, { errorMap: () => ({ message: 'validation.invalidChoice' }) })

export const ChangeRoleSchema = z.object({ intent: z.literal('role'), role: RoleSchema })
export const SetStatusSchema = z.object({ intent: z.literal('status'), status: z.enum(membershipStatuses) })
export const MemberActionSchema = z.discriminatedUnion('intent', [ChangeRoleSchema, SetStatusSchema])

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
export function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

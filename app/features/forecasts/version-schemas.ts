import { z } from 'zod'

/** Publishing a version: an optional note saying what it is (e.g. "Agreed at the March review"). */
export const PublishVersionSchema = z.object({
  intent: z.literal('publish'),
  note: z.string().trim().max(1000, 'forecastVersions:errors.noteTooLong').optional(),
})

import { z } from 'zod'

export const FolderSchema = z.object({
  name: z
    .string({ required_error: 'files:errors.folderNameRequired' })
    .trim()
    .min(1, 'files:errors.folderNameRequired')
    .max(120, 'files:errors.folderNameTooLong')
    .refine((v) => !/[\\/]/.test(v), 'files:errors.folderNameSlash'),
  /** "internal", or a partnership id for a shared folder. */
  scope: z.string().optional(),
})

import { z } from 'zod'
import { IdSchema } from '#app/lib/ids.ts'
import { MAX_CELLS_PER_SAVE } from './save-forecast-cells.server.ts'

// What the grid posts (JSON) to /forecasts/:forecastId/cells, checked before any service runs.

const Week = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const Version = z.number().int().min(0)

const Cell = z.object({
  productId: IdSchema,
  weekStart: Week,
  value: z.number().int().nullable(),
  baseVersion: Version,
})
const Ref = z.object({ productId: IdSchema, weekStart: Week, baseVersion: Version })

export const CellRequest = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('save'),
    line: z.enum(['host', 'partner', 'consensus', 'actual']),
    cells: z.array(Cell).min(1).max(MAX_CELLS_PER_SAVE),
  }),
  z.object({
    intent: z.enum(['accept', 'reject']),
    cells: z.array(Ref).min(1).max(MAX_CELLS_PER_SAVE).optional(),
    all: z.literal(true).optional(),
  }),
  z.object({ intent: z.literal('lift'), promotionId: IdSchema }),
  z.object({ intent: z.literal('undo'), adjustmentId: IdSchema }),
])
export type CellRequest = z.infer<typeof CellRequest>

import { eq } from 'drizzle-orm'
import { publish, rooms } from '#app/lib/realtime/publish.server.ts'
import { afterCommit } from '#db/after-commit.ts'
import { users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import type { CellUpdate } from './grid-types.ts'

/** Beyond this many cells a push asks viewers to reload instead of carrying the figures (an import, a lift). */
export const MAX_PUSHED_CELLS = 2000

export type ForecastCellsPush = {
  forecastId: string
  byUserId: string
  /** The saver's name, for the conflict a viewer typing in one of these cells is shown. */
  byName?: string | null
  updates: CellUpdate[]
  /** Set when the change is too big to push or is not a figure (exceptions, adjustments, versions): reload. */
  reload?: boolean
}

/**
 * Sends saved figures to everyone viewing the plan, once the caller's transaction has committed (so a viewer who
 * reloads reads them). The room is joined like opening the plan, so only people who may see it get figures.
 */
export function publishForecastCells(
  ctx: Pick<ServiceContext, 'tx' | 'userId'>,
  forecastId: string,
  updates: CellUpdate[],
  reload = false,
  byName: string | null = null,
) {
  const payload: ForecastCellsPush =
    reload || updates.length > MAX_PUSHED_CELLS
      ? { forecastId, byUserId: ctx.userId, updates: [], reload: true }
      : { forecastId, byUserId: ctx.userId, byName, updates }
  afterCommit(ctx.tx, () => publish(rooms.forecast(forecastId), 'forecast:cells', payload))
}

/** The same for saved figures, named after the person who saved them. */
export async function publishSavedCells(
  ctx: Pick<ServiceContext, 'tx' | 'userId'>,
  forecastId: string,
  updates: CellUpdate[],
  reload = false,
) {
  const [me] = await ctx.tx.select({ name: users.name }).from(users).where(eq(users.id, ctx.userId))
  publishForecastCells(ctx, forecastId, updates, reload, me?.name ?? null)
}

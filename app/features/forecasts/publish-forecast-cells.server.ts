import { publish, rooms } from '#app/lib/realtime/publish.server.ts'
import { afterCommit } from '#db/after-commit.ts'
import type { ServiceContext } from '../service-context.server.ts'
import type { CellUpdate } from './grid-types.ts'

/** Beyond this many cells a push asks viewers to reload instead of carrying the figures (an import, a lift). */
export const MAX_PUSHED_CELLS = 2000

export type ForecastCellsPush = {
  forecastId: string
  byUserId: string
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
) {
  const payload: ForecastCellsPush =
    reload || updates.length > MAX_PUSHED_CELLS
      ? { forecastId, byUserId: ctx.userId, updates: [], reload: true }
      : { forecastId, byUserId: ctx.userId, updates }
  afterCommit(ctx.tx, () => publish(rooms.forecast(forecastId), 'forecast:cells', payload))
}

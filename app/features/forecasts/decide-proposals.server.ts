import { sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { rowsOf } from '#db/rows.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { lockForEdit } from './find-forecast.server.ts'
import type { CellConflict, CellUpdate } from './grid-types.ts'
import { publishSavedCells } from './publish-forecast-cells.server.ts'
import { refreshExceptions } from './refresh-exceptions.server.ts'
import {
  type CellTarget,
  namesOf,
  readCells,
  validateCells,
  writeCells,
} from './save-forecast-cells.server.ts'

/** A proposal as the deciding person saw it: the cell and the version it was at. */
export type ProposalRef = { productId: string; weekStart: string; baseVersion: number }

/**
 * Accepts or declines the other side's consensus proposals. Accepting makes the proposed figure the agreed one;
 * declining keeps the agreed figure and drops the proposal. A proposal that changed since the person saw it (the
 * proposer changed it, or someone else decided it) is not decided and comes back as a conflict; one's own
 * proposals cannot be accepted by oneself. `all` decides every pending proposal of the other side.
 */
export async function decideProposals(
  ctx: ServiceContext,
  id: string,
  input:
    | { decision: 'accept' | 'reject'; cells: ProposalRef[] }
    | { decision: 'accept' | 'reject'; all: true },
) {
  const found = await lockForEdit(ctx, id)
  let refs: ProposalRef[]
  if ('all' in input) {
    refs = await pendingProposals(ctx, found.forecast.id)
    if (refs.length === 0) return { saved: [] as CellUpdate[], conflicts: [] as CellConflict[] }
  } else {
    refs = input.cells
    await validateCells(ctx, found, refs)
  }
  const current = await readCells(ctx, found.forecast.id, 'consensus', refs)
  const targets: CellTarget[] = []
  const conflicts: CellConflict[] = []
  const stale: { ref: ProposalRef; updatedById: string | null; theirs: number | null; version: number }[] = []
  for (const ref of refs) {
    const cell = current.get(`${ref.productId}|${ref.weekStart}`)
    const pending = cell && cell.proposed !== null && cell.by !== ctx.orgId
    if (!pending || cell.version !== ref.baseVersion) {
      stale.push({
        ref,
        updatedById: cell?.updatedById ?? null,
        theirs: cell?.proposed ?? cell?.value ?? null,
        version: cell?.version ?? 0,
      })
      continue
    }
    targets.push({
      productId: ref.productId,
      weekStart: ref.weekStart,
      value: input.decision === 'accept' ? cell.proposed : cell.value,
      proposed: null,
      proposedByOrgId: null,
      kind: input.decision,
    })
  }
  if (targets.length === 0 && stale.length === 0) throw new AppError('invalid', 'forecasts:errors.cell')
  const saved = await writeCells(ctx, found, 'consensus', targets)
  const names = await namesOf(
    ctx,
    stale.map((s) => s.updatedById),
  )
  for (const s of stale) {
    conflicts.push({
      productId: s.ref.productId,
      weekStart: s.ref.weekStart,
      line: 'consensus',
      mine: null,
      theirs: s.theirs,
      version: s.version,
      by: s.updatedById ? (names.get(s.updatedById) ?? null) : null,
    })
  }
  if (saved.length > 0) {
    await ctx.audit({
      action: input.decision === 'accept' ? 'forecast.consensus_accepted' : 'forecast.consensus_rejected',
      targetType: 'forecast',
      targetId: found.forecast.id,
      data: { cells: saved.length, conflicts: conflicts.length },
    })
    const { events } = await refreshExceptions(ctx, found, saved)
    // An agreed figure can open or clear a consensus-shift exception: its highlight needs a reload.
    await publishSavedCells(ctx, found.forecast.id, saved, events > 0)
  }
  return { saved, conflicts }
}

async function pendingProposals(ctx: ServiceContext, forecastId: string): Promise<ProposalRef[]> {
  return rowsOf<ProposalRef>(
    ctx.tx,
    sql`select forecast_product_id::text as "productId", week_start::text as "weekStart", version as "baseVersion"
        from forecast_cells
        where forecast_id = ${forecastId} and line = 'consensus' and proposed is not null
          and proposed_by_org_id is distinct from ${ctx.orgId}::uuid`,
  )
}

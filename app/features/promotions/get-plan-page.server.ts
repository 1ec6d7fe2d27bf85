import { can } from '../auth/permissions.ts'
import { findRecordThreadId } from '../chat/open-channel.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { getPromotion } from './get-promotion.server.ts'
import { lastPlanEditor } from './last-plan-editor.server.ts'
import { type PlanSnapshot, planValues } from './plan-fields.ts'

/**
 * The plan page: the promotion, its plan in form terms (what the form is based on), who saved it last (named when
 * someone else's save reaches an open form) and the discussion thread, if one was started.
 */
export async function getPlanPage(ctx: ServiceContext, id: string) {
  const view = await getPromotion(ctx, id)
  const { promotion } = view
  const snapshot: PlanSnapshot = { version: promotion.version, values: planValues(promotion) }
  const [threadId, changedBy] = await Promise.all([
    findRecordThreadId(ctx, 'promotion', promotion.id),
    view.can.edit ? lastPlanEditor(ctx, promotion, promotion.version - 1) : null,
  ])
  return { ...view, snapshot, changedBy, threadId, canDiscuss: can(ctx.role, 'chat:read') }
}

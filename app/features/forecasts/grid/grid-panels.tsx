import { useTranslation } from 'react-i18next'
import { Button } from '#app/components/ui/button.tsx'
import { cellIndex, type ForecastGrid } from '../grid-types.ts'
import type { Lookups } from './grid-cell.tsx'
import { proposalAt } from './grid-commands.ts'
import { appliedLift, exceptionsOn, type GridRow } from './grid-rows.ts'
import { cellKey, type EditableLine, type GridState, type PendingEdit } from './grid-state.ts'
import type { GridFormat } from './use-grid-format.ts'

export type Notice = { tone: 'info' | 'error'; text: string } | null
type Summary = { unsaved: number; saving: number; conflicts: number; invalid: number; failed: number }

const small = 'px-2.5 py-1 text-xs'

/** Where saving stands, the grid's actions, and the last message of an action (announced politely). */
export function GridToolbar(props: {
  grid: ForecastGrid
  summary: Summary
  failure: string | null
  notice: Notice
  helpId: string
  canFill: boolean
  toDecide: number
  busy: boolean
  onFillRight: () => void
  onAcceptAll: () => void
  onRetry: () => void
}) {
  const { t } = useTranslation('forecasts')
  const { summary } = props
  const parts = [
    summary.saving ? t('grid.summary.saving', { count: summary.saving }) : null,
    summary.unsaved ? t('grid.summary.unsaved', { count: summary.unsaved }) : null,
    summary.conflicts ? t('grid.summary.conflicts', { count: summary.conflicts }) : null,
    summary.invalid ? t('grid.summary.invalid', { count: summary.invalid }) : null,
    summary.failed ? t('grid.summary.failed', { count: summary.failed }) : null,
  ].filter(Boolean)
  return (
    <div className="mb-2 space-y-2">
      <p id={props.helpId} className="text-xs text-slate-600">
        {props.grid.canEdit
          ? t('grid.help', { unit: t(`grid.unit.${props.grid.forecast.unit}`) })
          : t('grid.readOnly')}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {props.grid.canEdit ? (
          <>
            <Button
              type="button"
              variant="secondary"
              className={small}
              disabled={!props.canFill}
              onClick={props.onFillRight}
            >
              {t('grid.fillRight')}
            </Button>
            {props.toDecide > 0 ? (
              <Button
                type="button"
                variant="secondary"
                className={small}
                disabled={props.busy}
                onClick={props.onAcceptAll}
              >
                {t('grid.proposal.acceptAll', { count: props.toDecide })}
              </Button>
            ) : null}
          </>
        ) : null}
        <span role="status" className="text-sm text-slate-700">
          {parts.length ? parts.join(' · ') : props.grid.canEdit ? t('grid.summary.allSaved') : null}
        </span>
        {summary.failed && props.failure ? (
          <span className="text-sm text-red-700">{props.failure}</span>
        ) : null}
        {summary.failed ? (
          <Button type="button" variant="ghost" className={small} onClick={props.onRetry}>
            {t('grid.retry')}
          </Button>
        ) : null}
      </div>
      <p
        role={props.notice?.tone === 'error' ? 'alert' : 'status'}
        className={`min-h-5 text-sm ${props.notice?.tone === 'error' ? 'text-red-700' : 'text-slate-700'}`}
      >
        {props.notice?.text}
      </p>
    </div>
  )
}

/** The promotions running in the horizon, each with applying its lift to this person's line. */
export function EventsList(props: {
  grid: ForecastGrid
  f: GridFormat
  busy: ReadonlySet<string>
  onApplyLift: (promotionId: string) => void
}) {
  const { t } = useTranslation('forecasts')
  const { grid, f } = props
  if (grid.events.length === 0) return null
  return (
    <section aria-labelledby="forecast-events" className="mb-3">
      <h3 id="forecast-events" className="mb-1 text-sm font-semibold text-slate-800">
        {t('grid.event.title')}
      </h3>
      <ul className="flex flex-wrap gap-2">
        {grid.events.map((event) => {
          const applied = appliedLift(grid, event.promotionId, grid.side)
          return (
            <li
              key={event.promotionId}
              className="flex items-center gap-2 rounded-md bg-violet-50 px-2 py-1 text-xs ring-1 ring-violet-200"
            >
              <span className="font-medium text-violet-950">{event.name}</span>
              <span className="text-violet-800">
                {f.weekLong(event.startsOn)} – {f.weekLong(event.endsOn)} ·{' '}
                {t('grid.event.lift', { rate: f.rate(event.expectedLiftBp) })} ·{' '}
                {t('grid.event.products', { count: event.productIndexes.length })}
              </span>
              {applied ? (
                <span className="text-violet-800">{t('grid.event.applied')}</span>
              ) : grid.canEdit ? (
                <Button
                  type="button"
                  variant="secondary"
                  className="px-2 py-0.5 text-xs"
                  disabled={props.busy.has(event.promotionId)}
                  onClick={() => props.onApplyLift(event.promotionId)}
                >
                  {t('grid.event.apply', { name: event.name })}
                </Button>
              ) : null}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

export function conflictText(t: ReturnType<typeof useTranslation>['t'], f: GridFormat, e: PendingEdit) {
  if (!e.conflict) return ''
  return t(e.conflict.by ? 'grid.conflict.byName' : 'grid.conflict.someone', {
    name: e.conflict.by,
    theirs: f.figure(e.conflict.theirs) || t('grid.blank'),
    mine: e.error ? e.text : f.figure(e.value) || t('grid.blank'),
  })
}

const MAX_LISTED = 20

/** Cells someone else saved while this person typed: both figures, and the choice, one by one or all at once. */
export function ConflictList(props: {
  state: GridState
  f: GridFormat
  onTheirs: (keys: string[]) => void
  onMine: (keys: string[]) => void
  onShow: (e: PendingEdit) => void
}) {
  const { t } = useTranslation('forecasts')
  const { state, f } = props
  const conflicts = [...state.edits.entries()].filter(([, e]) => e.conflict)
  if (conflicts.length === 0) return null
  const keys = conflicts.map(([k]) => k)
  const where = (e: PendingEdit) => {
    const product = state.grid.products[state.productIndex.get(e.productId) ?? 0]
    return `${product?.sku} · ${f.lineName(e.line)} · ${f.weekLong(e.weekStart)}`
  }
  return (
    <section role="alert" className="mb-3 rounded-md bg-red-50 p-3 text-sm text-red-900 ring-1 ring-red-200">
      <p className="font-medium">{t('grid.conflict.title', { count: conflicts.length })}</p>
      <ul className="mt-1 space-y-1">
        {conflicts.slice(0, MAX_LISTED).map(([key, e]) => (
          <li key={key} className="flex flex-wrap items-center gap-2">
            <button type="button" className="underline" onClick={() => props.onShow(e)}>
              {where(e)}
            </button>
            <span>{conflictText(t, f, e)}</span>
            <Button type="button" variant="secondary" className={small} onClick={() => props.onTheirs([key])}>
              {t('grid.conflict.theirs')}
            </Button>
            <Button type="button" variant="secondary" className={small} onClick={() => props.onMine([key])}>
              {t('grid.conflict.mine')}
            </Button>
          </li>
        ))}
      </ul>
      {conflicts.length > MAX_LISTED ? (
        <p className="mt-1">{t('grid.conflict.more', { count: conflicts.length - MAX_LISTED })}</p>
      ) : null}
      {conflicts.length > 1 ? (
        <div className="mt-2 flex gap-2">
          <Button type="button" variant="secondary" className={small} onClick={() => props.onTheirs(keys)}>
            {t('grid.conflict.allTheirs')}
          </Button>
          <Button type="button" variant="secondary" className={small} onClick={() => props.onMine(keys)}>
            {t('grid.conflict.allMine')}
          </Button>
        </div>
      ) : null}
    </section>
  )
}

/**
 * Everything about the selected cell, with its actions: the keyboard's way to what the cell shows as colours and
 * tooltips (proposal, conflict, exception, promotion, adjustment).
 */
export function CellDetails(props: {
  id: string
  state: GridState
  row: GridRow | undefined
  col: number
  lookups: Lookups
  f: GridFormat
  busy: ReadonlySet<string>
  selectedProposals: number
  canUndo: boolean
  onAccept: () => void
  onReject: () => void
  onAcceptSelected: () => void
  onOpenException: (id: string) => void
  onUndo: (adjustmentId: string) => void
  onTheirs: (key: string) => void
  onMine: (key: string) => void
}) {
  const { t } = useTranslation('forecasts')
  const { state, row, col, f } = props
  const { grid } = state
  if (!row || grid.weeks.length === 0) return <div id={props.id} />
  const product = grid.products[row.product]
  const week = grid.weeks[col]
  const index = cellIndex(row.product, col, grid.weeks.length)
  const edit = row.kind === 'line' ? state.edits.get(cellKey(row.line, product.id, week)) : undefined
  const proposal =
    row.kind === 'line' && row.line === 'consensus' ? proposalAt(state, row.product, col) : null
  const exceptions = row.kind === 'line' ? exceptionsOn(props.lookups.exceptions, row.line, index) : []
  const events = row.kind === 'line' ? (props.lookups.eventCells.get(index) ?? []) : []
  const adjustment = row.kind === 'adjustment' ? grid.adjustments[row.adjustment] : null
  const busy = props.busy.has('decide')
  return (
    <div
      id={props.id}
      className="mt-2 min-h-10 space-y-1 rounded-md bg-slate-50 p-2 text-sm text-slate-700 ring-1 ring-slate-200"
    >
      <p className="font-medium text-slate-900">
        {product.sku} {product.name} ·{' '}
        {adjustment
          ? adjustment.label
          : row.kind === 'total'
            ? t('grid.row.total', { line: f.lineName(row.line) })
            : f.lineName(row.line)}{' '}
        · {t('grid.weekOf', { week: f.weekLong(week) })}
      </p>
      {edit ? (
        <p>
          {edit.conflict ? (
            <span className="flex flex-wrap items-center gap-2 text-red-800">
              {conflictText(t, f, edit)}
              <Button
                type="button"
                variant="secondary"
                className={small}
                onClick={() => props.onTheirs(cellKey(edit.line, edit.productId, edit.weekStart))}
              >
                {t('grid.conflict.theirs')}
              </Button>
              <Button
                type="button"
                variant="secondary"
                className={small}
                onClick={() => props.onMine(cellKey(edit.line, edit.productId, edit.weekStart))}
              >
                {t('grid.conflict.mine')}
              </Button>
            </span>
          ) : edit.error ? (
            <span className="text-red-700">
              {t('grid.status.invalidText', { text: edit.text, reason: t(edit.error) })}
            </span>
          ) : (
            t(`grid.status.${edit.sent ? 'saving' : edit.failed ? 'failed' : 'pending'}`)
          )}
        </p>
      ) : null}
      {proposal?.by ? (
        <p className="flex flex-wrap items-center gap-2">
          <span>
            {t('grid.proposal.title', { value: f.figure(proposal.proposed), org: f.org(proposal.by) })}
          </span>
          {grid.canEdit && proposal.by !== grid.side ? (
            <>
              <Button
                type="button"
                variant="secondary"
                className={small}
                disabled={busy}
                onClick={props.onAccept}
              >
                {t('grid.proposal.accept')}
              </Button>
              <Button
                type="button"
                variant="secondary"
                className={small}
                disabled={busy}
                onClick={props.onReject}
              >
                {t('grid.proposal.reject')}
              </Button>
            </>
          ) : proposal.by === grid.side ? (
            <span className="text-slate-500">
              {t('grid.proposal.waiting', { org: f.org(otherSide(grid.side)) })}
            </span>
          ) : null}
        </p>
      ) : null}
      {props.selectedProposals > 1 && grid.canEdit ? (
        <Button
          type="button"
          variant="secondary"
          className={small}
          disabled={busy}
          onClick={props.onAcceptSelected}
        >
          {t('grid.proposal.acceptSelected', { count: props.selectedProposals })}
        </Button>
      ) : null}
      {exceptions.map((e) => (
        <p key={e.id} className="flex flex-wrap items-center gap-2 text-amber-900">
          <span>{f.rule(e)}</span>
          <Button
            type="button"
            variant="secondary"
            className={small}
            onClick={() => props.onOpenException(e.id)}
          >
            {t('grid.exception.open')}
          </Button>
        </p>
      ))}
      {events.map((e) => (
        <p key={grid.events[e].promotionId} className="text-violet-900">
          {t('grid.event.on', { name: grid.events[e].name })} ·{' '}
          {t('grid.event.lift', { rate: f.rate(grid.events[e].expectedLiftBp) })}
        </p>
      ))}
      {adjustment ? (
        <p className="flex flex-wrap items-center gap-2">
          <span>
            {t('grid.adjustment.detail', {
              rate: f.rate(adjustment.liftBp),
              line: f.lineName(adjustment.line),
            })}
          </span>
          {props.canUndo ? (
            <Button
              type="button"
              variant="secondary"
              className={small}
              disabled={props.busy.has(adjustment.id)}
              onClick={() => props.onUndo(adjustment.id)}
            >
              {t('grid.adjustment.undoLabel', { label: adjustment.label })}
            </Button>
          ) : null}
        </p>
      ) : null}
    </div>
  )
}

const otherSide = (side: EditableLine) => (side === 'host' ? 'partner' : 'host')

// biome-ignore-all lint/a11y/useSemanticElements: an ARIA grid of divs, because table layout cannot be virtualized in both directions with sticky columns
// biome-ignore-all lint/a11y/useFocusableInteractive: one tab stop; cells are reached through the grid's aria-activedescendant
import { useVirtualizer } from '@tanstack/react-virtual'
import type {
  ClipboardEventHandler,
  KeyboardEventHandler,
  MouseEventHandler,
  ReactNode,
  RefObject,
} from 'react'
import { useTranslation } from 'react-i18next'
import type { GridAdjustment } from '../grid-types.ts'
import { COL_W, describeCell, GridCellView, type Lookups, ROW_H } from './grid-cell.tsx'
import type { Position } from './grid-keys.ts'
import type { EventBar, GridRow, Range } from './grid-rows.ts'
import type { EditableLine, GridState } from './grid-state.ts'
import type { GridFormat } from './use-grid-format.ts'

export const SKU_W = 150
export const LINE_W = 210
export const STICKY_W = SKU_W + LINE_W
export const WEEK_H = 40
export const LANE_H = 22
export const headerHeight = (lanes: number) => WEEK_H + lanes * LANE_H

export const cellId = (gridId: string, row: number, col: number) => `${gridId}-r${row}-c${col}`

export type CanvasProps = {
  gridId: string
  scrollRef: RefObject<HTMLDivElement>
  state: GridState
  rows: GridRow[]
  lookups: Lookups & { bars: EventBar[]; lanes: number; productEvents: Map<number, number[]> }
  editable: EditableLine[]
  active: Position
  range: Range
  flashed: ReadonlySet<string>
  f: GridFormat
  rtl: boolean
  height: string
  label: string
  describedBy: string
  editor: ReactNode
  canUndo: (adjustment: GridAdjustment) => boolean
  busy: ReadonlySet<string>
  onUndo: (adjustmentId: string) => void
  onKeyDown: KeyboardEventHandler<HTMLDivElement>
  onPaste: ClipboardEventHandler<HTMLDivElement>
  onCopy: ClipboardEventHandler<HTMLDivElement>
  onMouseDown: MouseEventHandler<HTMLDivElement>
  onDoubleClick: MouseEventHandler<HTMLDivElement>
}

/**
 * The scrolling grid itself: rows and week columns virtualized (only what is on screen is in the page), a sticky
 * header with the weeks and the promotions running over them, and sticky SKU and line columns. Positions are
 * inline styles set in the browser (the grid mounts after hydration, see ForecastGridView).
 */
export function GridCanvas(props: CanvasProps) {
  const { t } = useTranslation('forecasts')
  const { state, rows, lookups, f, active, range, gridId, scrollRef } = props
  const { grid } = state
  const headerH = headerHeight(lookups.lanes)
  const rowV = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_H,
    overscan: 8,
    scrollMargin: headerH,
  })
  const colV = useVirtualizer({
    horizontal: true,
    count: grid.weeks.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => COL_W,
    overscan: 3,
    paddingStart: STICKY_W,
    isRtl: props.rtl,
  })
  const cols = colV.getVirtualItems()
  const width = colV.getTotalSize()
  const lead = (cols[0]?.start ?? STICKY_W) - STICKY_W
  const ctx = { lookups, editable: props.editable, flashed: props.flashed, f, t }

  const lineText = (row: GridRow) =>
    row.kind === 'total' ? t('grid.row.total', { line: f.lineName(row.line) }) : f.lineName(row.line)
  const rowLabel = (row: GridRow) => {
    const sku = grid.products[row.product].sku
    if (row.kind === 'adjustment') return `${sku} · ${grid.adjustments[row.adjustment].label}`
    return `${sku} · ${lineText(row)}`
  }

  return (
    <div
      ref={scrollRef}
      id={gridId}
      role="grid"
      tabIndex={0}
      aria-label={props.label}
      aria-describedby={props.describedBy}
      aria-rowcount={rows.length + 1}
      aria-colcount={grid.weeks.length + 2}
      aria-multiselectable="true"
      aria-activedescendant={cellId(gridId, active.row, active.col)}
      onKeyDown={props.onKeyDown}
      onPaste={props.onPaste}
      onCopy={props.onCopy}
      onMouseDown={props.onMouseDown}
      onDoubleClick={props.onDoubleClick}
      style={{
        maxHeight: props.height,
        width: 'fit-content',
        maxWidth: '100%',
        overflow: 'auto',
        position: 'relative',
        overscrollBehavior: 'contain',
      }}
      className="rounded-lg bg-white text-sm shadow-sm ring-1 ring-slate-200 focus-visible:outline-offset-0"
    >
      <div style={{ width, height: headerH + rows.length * ROW_H, position: 'relative' }}>
        <div
          role="rowgroup"
          style={{ position: 'sticky', top: 0, zIndex: 30, width, height: headerH }}
          className="border-b border-slate-300 bg-white"
        >
          <div role="row" aria-rowindex={1} style={{ display: 'flex', height: WEEK_H }}>
            <div
              style={{ position: 'sticky', insetInlineStart: 0, zIndex: 10, display: 'flex', flex: 'none' }}
              className="border-e border-slate-200 bg-white"
            >
              <div role="columnheader" aria-colindex={1} style={{ width: SKU_W }} className={headClass}>
                {t('grid.column.sku')}
              </div>
              <div role="columnheader" aria-colindex={2} style={{ width: LINE_W }} className={headClass}>
                {t('grid.column.line')}
              </div>
            </div>
            <div style={{ width: lead, flex: 'none' }} />
            {cols.map((c) => {
              const week = grid.weeks[c.index]
              const newYear = c.index === 0 || f.year(grid.weeks[c.index - 1]) !== f.year(week)
              return (
                <div
                  key={c.key}
                  role="columnheader"
                  aria-colindex={c.index + 3}
                  style={{ width: COL_W, flex: 'none' }}
                  className={`${headClass} flex-col items-end justify-center leading-tight`}
                >
                  <time dateTime={week} title={t('grid.weekOf', { week: f.weekLong(week) })}>
                    {f.week(week)}
                  </time>
                  {newYear ? (
                    <span className="text-[10px] font-normal text-slate-500">{f.year(week)}</span>
                  ) : null}
                </div>
              )
            })}
          </div>
          {lookups.lanes > 0 ? <EventBand {...props} /> : null}
        </div>
        <div role="rowgroup" style={{ position: 'relative', width, height: rows.length * ROW_H }}>
          {rowV.getVirtualItems().map((r) => {
            const row = rows[r.index]
            const label = rowLabel(row)
            const product = grid.products[row.product]
            const events = lookups.productEvents.get(row.product)
            const adjustment = row.kind === 'adjustment' ? grid.adjustments[row.adjustment] : null
            return (
              <div
                key={r.key}
                role="row"
                aria-rowindex={r.index + 2}
                style={{
                  position: 'absolute',
                  top: r.index * ROW_H,
                  insetInlineStart: 0,
                  width,
                  height: ROW_H,
                  // Each row lays out alone: a scroll re-lays only the rows that came into view.
                  contain: 'layout style',
                }}
                className={`flex ${row.kind === 'line' && row.first ? 'border-t border-slate-300' : ''}`}
              >
                <div
                  style={{
                    position: 'sticky',
                    insetInlineStart: 0,
                    zIndex: 20,
                    display: 'flex',
                    flex: 'none',
                  }}
                  className="border-e border-slate-200 bg-white"
                >
                  <div role="rowheader" style={{ width: SKU_W, height: ROW_H }} className={stubClass}>
                    {row.kind === 'line' && row.first ? (
                      <span className="flex min-w-0 items-center gap-1.5" title={product.name}>
                        {events ? (
                          <span
                            className="size-2 flex-none rounded-full bg-violet-500"
                            title={events.map((e) => grid.events[e].name).join(', ')}
                          />
                        ) : null}
                        <span className="flex-none whitespace-nowrap font-medium text-slate-900">
                          {product.sku}
                        </span>
                        <span className="truncate text-xs text-slate-500">{product.name}</span>
                        {events ? (
                          <span className="sr-only">
                            {t('grid.event.rowMarker', {
                              names: events.map((e) => grid.events[e].name).join(', '),
                            })}
                          </span>
                        ) : null}
                      </span>
                    ) : (
                      <span className="sr-only">{product.sku}</span>
                    )}
                  </div>
                  <div role="rowheader" style={{ width: LINE_W, height: ROW_H }} className={stubClass}>
                    {adjustment ? (
                      <span className="flex min-w-0 flex-1 items-center gap-1 text-xs text-slate-600">
                        <span className="truncate" title={adjustment.label}>
                          + {adjustment.label}
                        </span>
                        {props.canUndo(adjustment) ? (
                          <button
                            type="button"
                            tabIndex={-1}
                            disabled={props.busy.has(adjustment.id)}
                            onClick={() => props.onUndo(adjustment.id)}
                            className="ms-auto flex-none rounded px-1 text-brand-700 underline hover:bg-brand-50 disabled:opacity-50"
                          >
                            {t('grid.adjustment.undo')}
                          </button>
                        ) : null}
                      </span>
                    ) : (
                      <span
                        title={lineText(row)}
                        className={`truncate ${row.kind === 'total' ? 'font-medium text-slate-800' : props.editable.includes(row.line as EditableLine) ? 'font-medium text-brand-700' : 'text-slate-600'}`}
                      >
                        {lineText(row)}
                      </span>
                    )}
                  </div>
                </div>
                <div style={{ width: lead, flex: 'none' }} />
                {cols.map((c) => (
                  <GridCellView
                    key={c.key}
                    id={cellId(gridId, r.index, c.index)}
                    row={r.index}
                    col={c.index}
                    label={`${label} · ${f.weekLong(grid.weeks[c.index])}`}
                    view={describeCell(state, row, c.index, ctx)}
                    selected={
                      r.index >= range.top &&
                      r.index <= range.bottom &&
                      c.index >= range.left &&
                      c.index <= range.right
                    }
                    active={r.index === active.row && c.index === active.col}
                  />
                ))}
              </div>
            )
          })}
          {props.editor}
        </div>
      </div>
    </div>
  )
}

const headClass = 'flex items-center px-2 text-xs font-semibold text-slate-700'
const stubClass = 'flex items-center overflow-hidden border-b border-slate-100 px-2'

/** The promotions of the horizon as bars over their weeks; the events list above the grid carries their actions. */
function EventBand({ state, lookups, f }: CanvasProps) {
  const { t } = useTranslation('forecasts')
  const { grid } = state
  return (
    <div aria-hidden="true" style={{ height: lookups.lanes * LANE_H, position: 'relative' }}>
      <div
        style={{ position: 'sticky', insetInlineStart: 0, zIndex: 10, width: STICKY_W, height: '100%' }}
        className="flex items-center border-e border-slate-200 bg-white px-2 text-xs text-slate-500"
      >
        {t('grid.event.band')}
      </div>
      {lookups.bars.map((bar) => {
        const event = grid.events[bar.event]
        const lift = t('grid.event.lift', { rate: f.rate(event.expectedLiftBp) })
        return (
          <div
            key={event.promotionId}
            title={`${event.name} · ${lift}`}
            style={{
              position: 'absolute',
              top: bar.lane * LANE_H + 2,
              height: LANE_H - 4,
              insetInlineStart: STICKY_W + bar.from * COL_W + 2,
              width: (bar.to - bar.from + 1) * COL_W - 4,
            }}
            className="truncate rounded bg-violet-100 px-1.5 text-[11px] leading-[18px] text-violet-900 ring-1 ring-violet-300"
          >
            {event.name} · {lift}
          </div>
        )
      })}
    </div>
  )
}

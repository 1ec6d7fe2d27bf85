import i18next from 'i18next'
import { StrictMode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { ForecastGridView } from '#app/features/forecasts/grid/forecast-grid-view.tsx'
import type { ProposalDecision, SaveResult } from '#app/features/forecasts/grid/grid-state.ts'
import { useUpdateFeed } from '#app/features/forecasts/grid/update-feed.ts'
import type { SaveBatch } from '#app/features/forecasts/grid/use-grid-store.ts'
import {
  type CellConflict,
  type CellUpdate,
  cellIndex,
  type ForecastGrid,
  type ForecastLine,
} from '#app/features/forecasts/grid-types.ts'
import { directionOf, i18nConfig } from '#app/lib/i18n/config.ts'
import './harness.css'

/**
 * Test-only page for grid.browser.test.ts: the grid with the app's translations and styles, its callbacks
 * answered by a small in-memory server that keeps versions like save-forecast-cells (a cell typed over an older
 * version is a conflict, one typed to what is saved is unchanged). `window.harness` drives it from the test.
 */

type Cell = { value: number | null; proposed: number | null; by: 'host' | 'partner' | null; version: number }
type Held = { batch: SaveBatch; resolve: (r: SaveResult) => void; reject: (e: Error) => void }

declare global {
  interface Window {
    __gridSetup: { grid: ForecastGrid; lang: string }
    harness: ReturnType<typeof makeHarness>
  }
}

function makeHarness(grid: ForecastGrid) {
  const cells = new Map<string, Cell & { byName: string | null }>()
  const key = (line: ForecastLine, productId: string, weekStart: string) =>
    `${line}|${productId}|${weekStart}`
  grid.products.forEach((p, pi) => {
    grid.weeks.forEach((w, wi) => {
      const i = cellIndex(pi, wi, grid.weeks.length)
      for (const line of ['host', 'partner', 'consensus', 'actual'] as const)
        cells.set(key(line, p.id, w), {
          value: grid.lines[line].values[i],
          proposed: line === 'consensus' ? grid.proposals.proposed[i] : null,
          by: line === 'consensus' ? grid.proposals.by[i] : null,
          version: grid.lines[line].versions[i],
          byName: null,
        })
    })
  })
  const update = (line: ForecastLine, productId: string, weekStart: string): CellUpdate => {
    const c = cells.get(key(line, productId, weekStart)) as Cell
    return {
      productId,
      weekStart,
      line,
      value: c.value,
      proposed: c.proposed,
      proposedBy: c.by,
      version: c.version,
    }
  }

  function answer(batch: SaveBatch): SaveResult {
    const saved: CellUpdate[] = []
    const conflicts: CellConflict[] = []
    for (const edit of batch.cells) {
      const k = key(batch.line, edit.productId, edit.weekStart)
      const c = cells.get(k) as Cell & { byName: string | null }
      const accepts =
        batch.line === 'consensus' && c.proposed !== null && c.by !== grid.side && c.proposed === edit.value
      if (!accepts && (batch.line === 'consensus' ? (c.proposed ?? c.value) : c.value) === edit.value)
        continue
      if (!accepts && edit.baseVersion !== c.version) {
        conflicts.push({
          productId: edit.productId,
          weekStart: edit.weekStart,
          line: batch.line,
          mine: edit.value,
          theirs: batch.line === 'consensus' ? (c.proposed ?? c.value) : c.value,
          version: c.version,
          by: c.byName,
        })
        continue
      }
      if (batch.line === 'consensus' && !accepts) Object.assign(c, { proposed: edit.value, by: grid.side })
      else Object.assign(c, { value: edit.value, proposed: null, by: null })
      Object.assign(c, { version: c.version + 1, byName: 'Me' })
      saved.push(update(batch.line, edit.productId, edit.weekStart))
    }
    return { saved, conflicts }
  }

  const state = {
    saves: [] as SaveBatch[],
    accepts: [] as ProposalDecision[][],
    rejects: [] as ProposalDecision[][],
    lifts: [] as string[],
    undos: [] as string[],
    exceptions: [] as string[],
    holding: false,
    failNext: 0,
    held: [] as Held[],
    push: (_updates: CellUpdate[]) => {},
    setGrid: (_grid: ForecastGrid) => {},
    /** Someone else saves a cell (as the server would); returns the update to push. */
    theyWrite(line: ForecastLine, product: number, week: number, value: number | null, name = 'Priya') {
      const productId = grid.products[product].id
      const weekStart = grid.weeks[week]
      const c = cells.get(key(line, productId, weekStart)) as Cell & { byName: string | null }
      Object.assign(c, { value, version: c.version + 1, byName: name })
      return update(line, productId, weekStart)
    },
    release() {
      const held = state.held.splice(0)
      for (const h of held) h.resolve(answer(h.batch))
    },
    onSave(batch: SaveBatch): Promise<SaveResult> {
      state.saves.push(structuredClone(batch))
      if (state.failNext > 0) {
        state.failNext--
        return Promise.reject(new Error('offline'))
      }
      if (state.holding) return new Promise((resolve, reject) => state.held.push({ batch, resolve, reject }))
      return new Promise((resolve) => setTimeout(() => resolve(answer(batch)), 20))
    },
  }
  return state
}

function Page({ initial }: { initial: ForecastGrid }) {
  const [grid, setGrid] = useState(initial)
  const feed = useUpdateFeed()
  const h = window.harness
  useEffect(() => {
    h.push = feed.push
    h.setGrid = setGrid
  }, [feed.push])
  return (
    <main className="p-4">
      <ForecastGridView
        grid={grid}
        height="480px"
        onSave={(batch) => h.onSave(batch)}
        onAccept={async (cells) => {
          h.accepts.push(cells)
          return { saved: [], conflicts: [] }
        }}
        onReject={async (cells) => {
          h.rejects.push(cells)
          return { saved: [], conflicts: [] }
        }}
        onApplyLift={(id) => h.lifts.push(id)}
        onUndoAdjustment={(id) => h.undos.push(id)}
        onOpenException={(id) => h.exceptions.push(id)}
        subscribeUpdates={feed.subscribe}
      />
    </main>
  )
}

async function start() {
  const { grid, lang } = window.__gridSetup
  document.documentElement.lang = lang
  document.documentElement.dir = directionOf(lang)
  window.harness = makeHarness(grid)
  await i18next.use(initReactI18next).init({ ...i18nConfig, lng: lang })
  createRoot(document.getElementById('root') as HTMLElement).render(
    <I18nextProvider i18n={i18next}>
      <StrictMode>
        <Page initial={grid} />
      </StrictMode>
    </I18nextProvider>,
  )
}

void start()

import { useEffect, useRef } from 'react'
import { subscribeForecast } from '#app/lib/realtime/socket.client.ts'
import { useQueuedRevalidate } from '#app/lib/realtime/use-queued-revalidate.ts'
import type { CellUpdate } from './grid-types.ts'

type Push = { forecastId: string; updates: CellUpdate[]; reload?: boolean; byName?: string | null }

function isPush(payload: unknown): payload is Push {
  if (!payload || typeof payload !== 'object') return false
  const p = payload as Record<string, unknown>
  return typeof p.forecastId === 'string' && Array.isArray(p.updates)
}

/**
 * Figures others save on this plan, as they are saved: `onCells` gets them, each stamped with who saved it (the
 * grid merges them by version, so the caller's own saves echoed back change nothing). A push that is not figures
 * (an exception decided, a lift, a version published, a big import), and every reconnect (pushes sent meanwhile
 * are lost), reloads the page data. Without `onCells` (the plan's other pages) every push reloads.
 */
export function useForecastLive(forecastId: string, onCells?: (updates: CellUpdate[]) => void) {
  const reload = useQueuedRevalidate()
  const handler = useRef(onCells)
  handler.current = onCells
  useEffect(
    () =>
      subscribeForecast(forecastId, {
        onCells: (payload) => {
          if (!isPush(payload) || payload.forecastId !== forecastId) return
          const cells = handler.current
          if (payload.reload || !cells) reload()
          else cells(payload.updates.map((u) => ({ ...u, by: payload.byName ?? null })))
        },
        onResync: reload,
      }),
    [forecastId, reload],
  )
}

/** For the plan's exceptions, versions and accuracy pages: what they show is computed from the figures. */
export const useForecastReloads = (forecastId: string) => useForecastLive(forecastId)

import { useRevalidator } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { subscribeForecast } from '#app/lib/realtime/socket.client.ts'
import type { CellUpdate } from './grid-types.ts'

type Push = { forecastId: string; updates: CellUpdate[]; reload?: boolean; byName?: string | null }

function isPush(payload: unknown): payload is Push {
  if (!payload || typeof payload !== 'object') return false
  const p = payload as Record<string, unknown>
  return typeof p.forecastId === 'string' && Array.isArray(p.updates)
}

/**
 * Figures others save on this plan, as they are saved: `onCells` gets them (the grid merges them by version, so
 * the caller's own saves echoed back change nothing). A push that is not figures (an exception decided, a lift,
 * a version published, a big import), and every reconnect (pushes sent meanwhile are lost), reloads the page data.
 */
export function useForecastLive(forecastId: string, onCells: (updates: CellUpdate[]) => void) {
  const { revalidate } = useRevalidator()
  const handler = useRef(onCells)
  handler.current = onCells
  const reload = useRef(revalidate)
  reload.current = revalidate
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const later = () => {
      clearTimeout(timer)
      timer = setTimeout(() => reload.current(), 300)
    }
    const stop = subscribeForecast(forecastId, {
      onCells: (payload) => {
        if (!isPush(payload) || payload.forecastId !== forecastId) return
        if (payload.reload) later()
        else handler.current(payload.updates.map((u) => ({ ...u, by: payload.byName ?? null })))
      },
      onResync: later,
    })
    return () => {
      clearTimeout(timer)
      stop()
    }
  }, [forecastId])
}

/**
 * For the plan's other pages (exceptions, versions, accuracy): any push about the plan reloads the page data, as
 * what they show is computed from the figures. Bursts are debounced into one reload.
 */
export function useForecastReloads(forecastId: string) {
  const { revalidate, state } = useRevalidator()
  const busy = useRef(false)
  busy.current = state !== 'idle'
  const reload = useRef(revalidate)
  reload.current = revalidate
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const later = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        if (!busy.current) reload.current()
      }, 300)
    }
    const stop = subscribeForecast(forecastId, { onCells: later, onResync: later })
    return () => {
      clearTimeout(timer)
      stop()
    }
  }, [forecastId])
}

import { useCallback, useRef } from 'react'
import type { CellUpdate } from '../grid-types.ts'

type Listener = (updates: CellUpdate[]) => void

/**
 * Connects a push callback (useForecastLive's `onCells`) to ForecastGridView's `subscribeUpdates` without losing
 * a batch: pushes that arrive before the grid has mounted (it mounts after hydration) wait for it.
 *
 *   const feed = useUpdateFeed()
 *   useForecastLive(forecast.id, feed.push)
 *   <ForecastGridView subscribeUpdates={feed.subscribe} … />
 */
export function useUpdateFeed() {
  const listeners = useRef(new Set<Listener>())
  const waiting = useRef<CellUpdate[]>([])
  const push = useCallback((updates: CellUpdate[]) => {
    if (listeners.current.size === 0) waiting.current.push(...updates)
    for (const listener of listeners.current) listener(updates)
  }, [])
  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener)
    if (waiting.current.length) {
      const updates = waiting.current
      waiting.current = []
      listener(updates)
    }
    return () => {
      listeners.current.delete(listener)
    }
  }, [])
  return { push, subscribe }
}

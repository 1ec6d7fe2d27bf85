import { useRevalidator } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { onRecordChange } from './socket.client.ts'

export type RecordType = 'promotion'

const DEBOUNCE_MS = 300

function isChange(payload: unknown): payload is { type: string; id: string; version?: number } {
  if (!payload || typeof payload !== 'object') return false
  const p = payload as Record<string, unknown>
  return typeof p.type === 'string' && typeof p.id === 'string'
}

/**
 * Reloads the page's data (Remix revalidation) when someone changes this record, and after every reconnect, since
 * pushes sent while disconnected are lost. Bursts (a save and a status change, several volume cells) are debounced
 * into one reload. `knownVersion` skips pushes for a version the page already shows (the caller's own save); leave
 * it out on pages whose data changes without the record's version moving (volumes, claims).
 */
export function useRecordChanges(type: RecordType, id: string, knownVersion?: number) {
  const { revalidate } = useRevalidator()
  const latest = useRef({ revalidate, knownVersion })
  latest.current = { revalidate, knownVersion }
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const schedule = () => {
      clearTimeout(timer)
      timer = setTimeout(() => latest.current.revalidate(), DEBOUNCE_MS)
    }
    const stop = onRecordChange({
      onChange: (payload) => {
        if (!isChange(payload) || payload.type !== type || payload.id !== id) return
        const known = latest.current.knownVersion
        if (known !== undefined && typeof payload.version === 'number' && payload.version <= known) return
        schedule()
      },
      onResync: schedule,
    })
    return () => {
      clearTimeout(timer)
      stop()
    }
  }, [type, id])
}

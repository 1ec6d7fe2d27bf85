import { useNavigation, useRevalidator } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
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
 *
 * The reload waits while a navigation or another reload is in flight (starting one would abort and restart it) and
 * is dropped if the page has caught up meanwhile: a push often arrives before the redirect of the caller's own
 * action, or during a reload that already read the change.
 */
export function useRecordChanges(type: RecordType, id: string, knownVersion?: number) {
  const { revalidate, state } = useRevalidator()
  const navigation = useNavigation()
  const busy = state !== 'idle' || navigation.state !== 'idle'
  // The newest version pushed and not yet loaded; null: reload whatever the page shows (reconnect, no version).
  const pending = useRef<number | null | undefined>(undefined)
  const [due, setDue] = useState(0)
  const latest = useRef(knownVersion)
  latest.current = knownVersion
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const want = (version: number | null) => {
      const p = pending.current
      pending.current =
        p === undefined ? version : p === null || version === null ? null : Math.max(p, version)
      clearTimeout(timer)
      timer = setTimeout(() => setDue((n) => n + 1), DEBOUNCE_MS)
    }
    const stop = onRecordChange({
      onChange: (payload) => {
        if (!isChange(payload) || payload.type !== type || payload.id !== id) return
        const version = typeof payload.version === 'number' ? payload.version : null
        const known = latest.current
        if (known !== undefined && version !== null && version <= known) return
        want(version)
      },
      onResync: () => want(null),
    })
    return () => {
      clearTimeout(timer)
      pending.current = undefined
      stop()
    }
  }, [type, id])
  useEffect(() => {
    const p = pending.current
    if (due === 0 || busy || p === undefined) return
    pending.current = undefined
    if (p !== null && knownVersion !== undefined && p <= knownVersion) return
    revalidate()
  }, [due, busy, knownVersion, revalidate])
}

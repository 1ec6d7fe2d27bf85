import { useNavigation, useRevalidator } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState } from 'react'

const DEBOUNCE_MS = 300

/**
 * A reload of the page's data asked for by pushes: bursts are debounced into one, and it waits while a navigation,
 * a form submission or another reload is in flight (starting one then would abort it, which the router reports as
 * an error). Returns the function that asks for it. use-record-changes.ts does the same with record versions.
 */
export function useQueuedRevalidate() {
  const { revalidate, state } = useRevalidator()
  const navigation = useNavigation()
  const busy = state !== 'idle' || navigation.state !== 'idle'
  const wanted = useRef(false)
  const [due, setDue] = useState(0)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])
  useEffect(() => {
    if (due === 0 || busy || !wanted.current) return
    wanted.current = false
    revalidate()
  }, [due, busy, revalidate])
  return useCallback(() => {
    wanted.current = true
    clearTimeout(timer.current)
    timer.current = setTimeout(() => setDue((n) => n + 1), DEBOUNCE_MS)
  }, [])
}

import { useEffect, useRef, useState } from 'react'
import {
  type PlanConflictReply,
  type PlanEditor,
  type PlanField,
  type PlanSnapshot,
  planFields,
  samePlanValue,
} from '#app/features/promotions/plan-fields.ts'

type Value = string | string[] | undefined
/** Beside a field: someone else's value, applied to it (changed) or waiting for a choice (conflict). */
export type PlanNote = { kind: 'changed' | 'conflict'; theirs: string | string[]; by: PlanEditor }
export type PlanNotes = Partial<Record<PlanField, PlanNote>>

function newest(a?: PlanSnapshot, b?: PlanSnapshot | null) {
  if (!a) return b ?? undefined
  return b && b.version > a.version ? b : a
}

/**
 * What the plan form is based on (the version and values it posts as `base`) and what changed under it. When the
 * page reloads with a newer saved plan (a push, a refused save), the form is not reset: fields the person has not
 * touched take the saved values (highlighted), fields they typed in keep what they typed, with the saved value
 * beside it when the two differ. Nothing is overwritten on either side without being shown.
 */
export function usePlanBasis(options: {
  snapshot?: PlanSnapshot
  conflict?: PlanConflictReply | null
  changedBy?: PlanEditor
  current: () => Partial<Record<PlanField, Value>>
  apply: (field: PlanField, value: string | string[]) => void
}) {
  const [basis, setBasis] = useState(() => newest(options.snapshot, options.conflict))
  const [notes, setNotes] = useState<PlanNotes>(() => {
    const c = options.conflict
    return Object.fromEntries(
      (c?.conflicts ?? []).map((x) => [x.field, { kind: 'conflict', theirs: x.theirs, by: c?.changedBy }]),
    ) as PlanNotes
  })
  const [changedLive, setChangedLive] = useState(false)
  const latest = useRef(options)
  latest.current = options
  const next = options.snapshot

  useEffect(() => {
    if (!next || !basis || next.version <= basis.version) return
    const { current, apply, changedBy } = latest.current
    const typed = current()
    const by = changedBy ?? { kind: 'otherSide', name: '' }
    const updated: PlanNotes = { ...notes }
    let remote = false
    for (const field of planFields) {
      const saved = next.values[field]
      if (samePlanValue(typed[field], saved)) {
        delete updated[field]
        continue
      }
      if (samePlanValue(saved, basis.values[field])) continue
      remote = true
      if (samePlanValue(typed[field], basis.values[field])) {
        apply(field, saved)
        updated[field] = { kind: 'changed', theirs: saved, by }
      } else {
        updated[field] = { kind: 'conflict', theirs: saved, by }
      }
    }
    setBasis(next)
    setNotes(updated)
    setChangedLive(remote)
  }, [next, basis, notes])

  return {
    basis,
    notes,
    changedLive,
    takeTheirs(field: PlanField) {
      const note = notes[field]
      if (!note) return
      latest.current.apply(field, note.theirs)
      setNotes(({ [field]: _, ...rest }) => rest as PlanNotes)
    },
  }
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CellUpdate } from '../grid-types.ts'
import type { ForecastGridViewProps } from './forecast-grid-view.tsx'
import type { Notice } from './grid-panels.tsx'
import type { ProposalDecision, SaveResult } from './grid-state.ts'

/**
 * The grid's requests besides saving figures (decisions on proposals, lifts, undoing adjustments): each shows
 * that it is running on its button, then what came of it, or why it failed.
 */
export function useGridActions(
  props: Pick<ForecastGridViewProps, 'onAccept' | 'onReject' | 'onApplyLift' | 'onUndoAdjustment'>,
  merge: (updates: CellUpdate[], highlight: boolean) => void,
) {
  const { t, i18n } = useTranslation('forecasts')
  const [notice, setNotice] = useState<Notice>(null)
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set())

  /** What to tell the person: the callback's own reason when it threw an i18n key, else the fallback. */
  const reason = (error: unknown, fallback: string) =>
    error instanceof Error && i18n.exists(error.message) ? t(error.message) : t(fallback)

  async function run(
    key: string,
    action: () => unknown,
    failure: string,
    success?: (result: unknown) => string,
  ) {
    setBusy((b) => new Set([...b, key]))
    try {
      const result = await action()
      if (success) setNotice({ tone: 'info', text: success(result) })
    } catch (error) {
      setNotice({ tone: 'error', text: reason(error, failure) })
    } finally {
      setBusy((b) => new Set([...b].filter((k) => k !== key)))
    }
  }

  function decide(kind: 'accept' | 'reject', cells: ProposalDecision[]) {
    if (cells.length === 0) return
    const call = kind === 'accept' ? props.onAccept : props.onReject
    void run(
      'decide',
      async () => {
        const result = await call(cells)
        merge(result.saved, false)
        return result
      },
      'grid.proposal.failed',
      (result) => {
        const { saved, conflicts } = result as SaveResult
        const done = t(kind === 'accept' ? 'grid.proposal.accepted' : 'grid.proposal.rejected', {
          count: saved.length,
        })
        return conflicts.length ? `${done} ${t('grid.proposal.changed', { count: conflicts.length })}` : done
      },
    )
  }

  return {
    notice,
    setNotice,
    busy,
    reason,
    decide,
    undo: (id: string) => void run(id, () => props.onUndoAdjustment(id), 'grid.adjustment.failed'),
    applyLift: (id: string) => void run(id, () => props.onApplyLift(id), 'grid.event.failed'),
  }
}

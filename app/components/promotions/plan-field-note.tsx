import { useTranslation } from 'react-i18next'
import type { PlanNote } from './use-plan-basis.ts'

/** "Brightside changed this to 3,500.00" beside a field, with a one-click way to take their value. */
export function PlanFieldNote({
  note,
  show,
  onTakeTheirs,
}: {
  note: PlanNote | undefined
  show: (value: string | string[]) => string
  onTakeTheirs: () => void
}) {
  const { t } = useTranslation('promotions')
  if (!note) return null
  const who = note.by.kind === 'you' ? t('edit.you') : note.by.name
  return (
    <span className="mt-1 flex flex-wrap items-center gap-2 text-xs text-amber-900">
      <span>{t('edit.changedTo', { who, value: show(note.theirs) || t('edit.empty') })}</span>
      {note.kind === 'conflict' ? (
        <button
          type="button"
          onClick={onTakeTheirs}
          className="rounded bg-white px-2 py-0.5 font-medium ring-1 ring-amber-400 hover:bg-amber-100"
        >
          {t('edit.useTheirs')}
        </button>
      ) : null}
    </span>
  )
}

import { Link, useNavigation } from '@remix-run/react'
import { Button, buttonClass } from '#app/components/ui/button.tsx'

type SubmitProps = {
  label: string
  submittingLabel: string
  className?: string
  /** Whether this form is the one being sent; by default any submission on the page counts. */
  pending?: boolean
}

/** The submit button: disabled while sending, so a double click cannot send twice, and says so. */
export function SubmitButton({ label, submittingLabel, className, pending }: SubmitProps) {
  const navigation = useNavigation()
  const submitting = pending ?? navigation.state === 'submitting'
  return (
    <Button className={className} disabled={submitting}>
      {submitting ? submittingLabel : label}
    </Button>
  )
}

/** Submit, then a way back without sending. */
export function FormActions({
  cancelTo,
  cancelLabel,
  ...submit
}: SubmitProps & { cancelTo: string; cancelLabel: string }) {
  return (
    <div className="flex gap-3">
      <SubmitButton {...submit} />
      <Link to={cancelTo} className={buttonClass('secondary')}>
        {cancelLabel}
      </Link>
    </div>
  )
}

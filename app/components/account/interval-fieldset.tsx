import { digestIntervals } from '#db/schema/users.ts'
import { ErrorList } from '../ui/field.tsx'

type Props = {
  name: string
  legend: string
  description: string
  value: string
  /** The label and hint of each choice (immediately, hourly, daily, never). */
  choice: (value: (typeof digestIntervals)[number]) => { label: string; hint: string }
  errorId: string
  errors?: string[]
}

/** One "how often do we email you" question: a radio group of the digest intervals. */
export function IntervalFieldset({ name, legend, description, value, choice, errorId, errors }: Props) {
  return (
    <fieldset aria-describedby={errorId} className="mb-6">
      <legend className="text-lg font-semibold text-slate-900">{legend}</legend>
      <p className="mb-3 text-sm text-slate-600">{description}</p>
      {digestIntervals.map((interval) => {
        const { label, hint } = choice(interval)
        return (
          <label key={interval} className="mb-2 flex items-start gap-2 text-sm">
            <input
              type="radio"
              name={name}
              value={interval}
              defaultChecked={value === interval}
              className="mt-1"
            />
            <span>
              <span className="font-medium text-slate-900">{label}</span>
              <span className="block text-slate-600">{hint}</span>
            </span>
          </label>
        )
      })}
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  )
}

import { useTranslation } from 'react-i18next'

type Props = { value: Date | string; timeZone?: string; dateOnly?: boolean }

/**
 * A timestamp in the org's time zone and the reader's language. Server and browser ICU may differ by a space,
 * so hydration is told not to fuss about the text.
 */
export function LocalTime({ value, timeZone, dateOnly = false }: Props) {
  const { i18n } = useTranslation()
  const date = typeof value === 'string' ? new Date(value) : value
  let text: string
  try {
    text = new Intl.DateTimeFormat(i18n.language, {
      dateStyle: 'medium',
      timeStyle: dateOnly ? undefined : 'short',
      timeZone,
    }).format(date)
  } catch {
    text = date.toISOString()
  }
  return (
    <time dateTime={date.toISOString()} suppressHydrationWarning>
      {text}
    </time>
  )
}

import { useTranslation } from 'react-i18next'

/** Formats an ISO calendar date (YYYY-MM-DD) in the reader's language, without any time zone shift. */
export function useCalendarDate() {
  const { i18n } = useTranslation()
  return (value: string | null) =>
    value
      ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
          new Date(`${value}T00:00:00Z`),
        )
      : '—'
}

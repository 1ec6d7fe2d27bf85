/** Expiry shown in UTC: the recipient's time zone is unknown when the email is written. */
export function formatExpiry(date: Date | string, locale: string) {
  const formatted = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(date))
  return `${formatted} UTC`
}

import { formatNumber } from '#app/lib/i18n/format-number.ts'
import { bidiControls } from '#app/lib/storage/disposition.ts'

/**
 * A display name from what the browser sent: no path parts, no control or bidi control characters, trimmed to
 * 200 characters (keeping the extension). Storage never uses it: object keys are random.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? ''
  const clean = [...base.replace(bidiControls, '')]
    .filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f)
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
  if (clean.length <= 200) return clean
  const dot = clean.lastIndexOf('.')
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : ''
  return clean.slice(0, 200 - ext.length) + ext
}

/** "price list.pdf" version 2 downloads as "price list (v2).pdf", so versions never overwrite each other. */
export function versionedName(name: string, version: number, current: number) {
  if (version === current) return name
  const dot = name.lastIndexOf('.')
  return dot > 0 ? `${name.slice(0, dot)} (v${version})${name.slice(dot)}` : `${name} (v${version})`
}

export function formatBytes(bytes: number, locale = 'en') {
  if (bytes < 1024) return `${formatNumber(bytes, locale)} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${formatNumber(value, locale, { fractionDigits: value < 10 ? 1 : 0 })} ${units[unit]}`
}

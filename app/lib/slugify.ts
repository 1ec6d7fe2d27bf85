/** A URL-safe slug from a display name (accents folded; a name with no Latin letters or digits gives 'org'). */
export function slugify(value: string) {
  return (
    value
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'org'
  )
}

/**
 * Reads the POST forms of a rendered page, so the access matrix can replay the forms of A's OWN record against
 * another org's record: the realistic attack ("change the id in the URL, submit the same form").
 * A light regex reader is enough here: the markup is ours and React renders it predictably.
 */

export type FormSubmission = { action: string | null; fields: [string, string][] }

const attr = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)
  return match ? decode(match[1]) : null
}

function decode(value: string) {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** One submission per submit button (its name=value added), or one for a form without named buttons. */
export function postFormsIn(html: string): FormSubmission[] {
  const submissions: FormSubmission[] = []
  for (const [, open, inner] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    if ((attr(open, 'method') ?? 'get').toLowerCase() !== 'post') continue
    const fields: [string, string][] = []
    for (const [tag] of inner.matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(tag, 'name')
      const type = (attr(tag, 'type') ?? 'text').toLowerCase()
      if (!name || type === 'submit' || type === 'file') continue
      const fallback = type === 'email' ? 'someone@example.test' : type === 'number' ? '1' : 'x'
      fields.push([name, attr(tag, 'value') || (type === 'checkbox' ? 'on' : fallback)])
    }
    for (const [, open, options] of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attr(open, 'name')
      const values = [...options.matchAll(/<option\b([^>]*)>/gi)].map(([tag]) => attr(tag, 'value') ?? '')
      const value = values.find((v) => v !== '') ?? ''
      if (name) fields.push([name, value])
    }
    for (const [, open, text] of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const name = attr(open, 'name')
      if (name) fields.push([name, decode(text) || 'x'])
    }
    const buttons = [...inner.matchAll(/<button\b[^>]*>/gi)]
      .map(([tag]) => [attr(tag, 'name'), attr(tag, 'value') ?? ''] as const)
      .filter((b): b is readonly [string, string] => !!b[0])
    const action = attr(open, 'action')
    if (buttons.length === 0) submissions.push({ action, fields })
    for (const [name, value] of buttons) submissions.push({ action, fields: [...fields, [name, value]] })
  }
  return submissions
}

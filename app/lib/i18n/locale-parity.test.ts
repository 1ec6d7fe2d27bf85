import { describe, expect, test } from 'vitest'
import { supportedLngs } from './config.ts'
import { resources } from './resources.ts'

type Tree = { readonly [key: string]: string | Tree }

/** Every leaf as a dotted key → string. */
function flatten(tree: Tree, prefix = '', out = new Map<string, string>()) {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else flatten(value, path, out)
  }
  return out
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/
// `_zero` is i18next's own form for a count of 0, not a CLDR category: kept wherever English has it.
const cldrSuffix = /_(one|two|few|many|other)$/

/** The keys a locale must have for English's keys: an English plural expands to that language's categories. */
function expectedKeys(english: Map<string, string>, lng: string) {
  const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories
  const keys = new Set<string>()
  for (const key of english.keys()) {
    if (cldrSuffix.test(key)) for (const c of categories) keys.add(key.replace(cldrSuffix, `_${c}`))
    else keys.add(key)
  }
  return keys
}

/** `{{name}}` and `{{count, number}}` as written (name plus format), sorted. */
function placeholders(text: string) {
  return [
    ...new Set([...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1].replace(/\s*,\s*/g, ', '))),
  ].sort()
}

const others = supportedLngs.filter((lng) => lng !== 'en')
const namespaces = Object.keys(resources.en) as (keyof typeof resources.en)[]

describe.each(others)('locale %s', (lng) => {
  test('ships every namespace English has', () => {
    expect(Object.keys(resources[lng]).sort()).toEqual([...namespaces].sort())
  })

  describe.each(namespaces)('namespace %s', (ns) => {
    const english = flatten(resources.en[ns] as Tree)
    const translated = flatten((resources[lng][ns] ?? {}) as Tree)
    const expected = expectedKeys(english, lng)

    test('has every key English has, in this language’s plural forms', () => {
      expect([...expected].filter((key) => !translated.has(key))).toEqual([])
    })

    test('has no key English lacks', () => {
      expect([...translated.keys()].filter((key) => !expected.has(key))).toEqual([])
    })

    test('keeps English’s placeholders', () => {
      const differing: string[] = []
      for (const [key, text] of translated) {
        const plural = pluralSuffix.test(key)
        // A plural form compares with English's form of the same category, else with English's `_other`.
        const source = english.get(key) ?? english.get(key.replace(pluralSuffix, '_other'))
        if (source === undefined) continue
        // A plural form may spell its count out in words ("one day", "יומיים"); every other placeholder must stay.
        const drop = (names: string[]) =>
          plural ? names.filter((name) => name.split(',')[0] !== 'count') : names
        const want = drop(placeholders(source))
        const got = drop(placeholders(text))
        if (want.join('|') !== got.join('|')) differing.push(`${key}: ${want.join(', ')} ≠ ${got.join(', ')}`)
      }
      expect(differing).toEqual([])
    })
  })
})

test('the parity check sees a missing key, an extra key and a changed placeholder', () => {
  const english = flatten({ a: 'A {{name}}', n_one: '{{count}} day', n_other: '{{count}} days' })
  const expected = expectedKeys(english, 'he')
  expect([...expected].sort()).toEqual(['a', 'n_one', 'n_other', 'n_two'])
  expect(placeholders('A {{name}} {{count, number}}')).toEqual(['count, number', 'name'])
  expect(placeholders('{{ count ,number }}')).toEqual(['count, number'])
})

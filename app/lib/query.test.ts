import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { queryCursorSchema, queryTextSchema, readQuery, readSearch } from './query.ts'

const thrown = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a refusal')
}

describe('query-string schemas', () => {
  test('search text is trimmed and cut to its length, not refused for it', () => {
    expect(queryTextSchema(5).parse('  abcdefgh ')).toBe('abcde')
  })

  test('a NUL byte in search text is a 400 naming the parameter', async () => {
    const error = thrown(() => readSearch(new URL('http://x/list?q=a%00b')))
    expect(error).toBeInstanceOf(Response)
    expect((error as Response).status).toBe(400)
    expect(await (error as Response).text()).toContain('"q"')
  })

  test('a cursor past what bigint and JavaScript hold is refused', () => {
    expect(queryCursorSchema.safeParse('99999999999999999999').success).toBe(false)
    expect(queryCursorSchema.safeParse('42').success).toBe(true)
  })

  test('readQuery answers a value that does not fit with 400', () => {
    const schema = z.object({ before: queryCursorSchema.optional() })
    expect(readQuery(new URL('http://x/?before=7'), schema)).toEqual({ before: 7 })
    const error = thrown(() => readQuery(new URL('http://x/?before=99999999999999999999'), schema))
    expect((error as Response).status).toBe(400)
  })
})

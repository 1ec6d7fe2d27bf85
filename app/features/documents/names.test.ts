import { describe, expect, test } from 'vitest'
import { cleanFileName, formatBytes, versionedName } from './names.ts'

describe('file names', () => {
  test('path parts and control characters are removed', () => {
    expect(cleanFileName('C:\\Users\\me\\..\\evil.pdf')).toBe('evil.pdf')
    expect(cleanFileName('../../etc/passwd')).toBe('passwd')
    expect(cleanFileName('bad\u0000name\n.pdf')).toBe('badname.pdf')
    expect(cleanFileName('  spaced   out .csv ')).toBe('spaced out .csv')
  })

  test('long names keep their extension', () => {
    const long = `${'a'.repeat(300)}.xlsx`
    expect(cleanFileName(long)).toHaveLength(200)
    expect(cleanFileName(long).endsWith('.xlsx')).toBe(true)
  })

  test('older versions download under a distinct name', () => {
    expect(versionedName('price list.pdf', 2, 3)).toBe('price list (v2).pdf')
    expect(versionedName('README', 1, 2)).toBe('README (v1)')
    expect(versionedName('price list.pdf', 3, 3)).toBe('price list.pdf')
  })

  test('sizes read like a file manager', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(1024 ** 3 * 1.25)).toBe('1.3 GB')
  })
})

import { describe, expect, test } from 'vitest'
import { cleanFileName, formatBytes, versionedName } from './names.ts'

describe('file names', () => {
  test('path parts and control characters are removed', () => {
    expect(cleanFileName('C:\\Users\\me\\..\\evil.pdf')).toBe('evil.pdf')
    expect(cleanFileName('../../etc/passwd')).toBe('passwd')
    expect(cleanFileName('bad\u0000name\n.pdf')).toBe('badname.pdf')
    expect(cleanFileName('  spaced   out .csv ')).toBe('spaced out .csv')
  })

  test('bidi controls are removed, so a name cannot show one extension and save as another', () => {
    expect(cleanFileName('invoice\u202Efdp.bat')).toBe('invoicefdp.bat')
    const every = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']
    const marks = ['\u200E', '\u200F', '\u061C']
    expect(cleanFileName(`a${[...every, ...marks].join('b')}.pdf`)).toBe(`a${'b'.repeat(11)}.pdf`)
    // Right-to-left text itself stays.
    expect(cleanFileName('فاکتور.pdf')).toBe('فاکتور.pdf')
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

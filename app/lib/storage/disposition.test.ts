import { describe, expect, test } from 'vitest'
import { dispositionFor } from './disposition.ts'

describe('download names', () => {
  test('bidi controls never reach Content-Disposition, in either filename form', () => {
    const header = dispositionFor('invoice\u202Efdp.bat')
    expect(header).toBe(`attachment; filename="invoicefdp.bat"`)
    expect(dispositionFor('x\u2067y\u200F.pdf', 'inline')).toBe(`inline; filename="xy.pdf"`)
  })

  test('other names keep their characters, with an ASCII fallback', () => {
    expect(dispositionFor('Café menu.pdf')).toBe(
      `attachment; filename="Cafe menu.pdf"; filename*=UTF-8''Caf%C3%A9%20menu.pdf`,
    )
  })
})

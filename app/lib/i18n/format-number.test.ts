import { describe, expect, test } from 'vitest'
import { formatBytes } from '#app/features/documents/names.ts'
import { formatNumber } from './format-number.ts'
import { getFixedT } from './i18n.server.ts'

describe('numbers in translated text', () => {
  test('Persian text gets Persian digits: 30 days reads ۳۰ روز', async () => {
    const t = await getFixedT('fa', 'invoices')
    expect(t('detail.termsDays', { count: 30 })).toBe('۳۰ روز')
  })

  test('English text keeps its digits and a bare number stays ungrouped', async () => {
    const t = await getFixedT('en', 'invoices')
    expect(t('detail.termsDays', { count: 30 })).toBe('30 days')
    expect(t('detail.termsDays', { count: 2027 })).toBe('2027 days')
  })

  test('a number marked for grouping is grouped in the reader’s digits', async () => {
    const t = await getFixedT('fa', 'forecastSetup')
    expect(t('errors.catalogueTooBig', { count: 1200, room: 800, max: 5000 })).toContain('۱٬۲۰۰')
  })

  test('strings pass through untouched', async () => {
    const t = await getFixedT('fa', 'files')
    expect(t('upload.bytes', { sent: '1.5 KB', total: '3 KB' })).toBe('1.5 KB از 3 KB')
  })
})

describe('formatNumber and formatBytes', () => {
  test('write Persian digits for Persian readers', () => {
    expect(formatNumber(30, 'fa')).toBe('۳۰')
    expect(formatBytes(1536, 'fa')).toBe('۱٫۵ KB')
    expect(formatBytes(1536)).toBe('1.5 KB')
  })
})

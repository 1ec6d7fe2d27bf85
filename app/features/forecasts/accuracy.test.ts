import { describe, expect, test } from 'vitest'
import { type AccuracyInput, forecastAccuracy } from './accuracy.ts'

const n = null

// 2 products × 4 weeks; index = product × 4 + week.
const input: AccuracyInput = {
  weekCount: 4,
  productCount: 2,
  actual: [100, 200, 0, n, 50, 80, 40, 10],
  host: [110, 180, 30, 90, 40, n, 40, 20],
  partner: [100, 240, 0, 50, 60, 80, 30, 12],
  consensus: [105, 200, 10, 70, n, n, n, n],
}

describe('forecast accuracy', () => {
  const result = forecastAccuracy(input)

  test('counts only weeks with an actual above 0 and a forecast', () => {
    // P0: W2 sold nothing and W3 has no actual, so only W0 and W1 count. P1: the host has no W1 figure.
    expect(result.products.map((p) => [p.host.weeks, p.partner.weeks, p.consensus.weeks])).toEqual([
      [2, 2, 2],
      [3, 4, 0],
    ])
  })

  test('per product: MAPE is the mean of the weekly errors, bias the sums compared', () => {
    const [p0, p1] = result.products
    // Host P0: |100−110|/100 = 0.1, |200−180|/200 = 0.1 → 0.1; bias (290 − 300)/300 = −1/30.
    expect(p0.host.mape).toBeCloseTo(0.1, 12)
    expect(p0.host.bias).toBeCloseTo(-1 / 30, 12)
    // Partner P0: 0 and 40/200 = 0.2 → 0.1; bias (340 − 300)/300 = 2/15.
    expect(p0.partner.mape).toBeCloseTo(0.1, 12)
    expect(p0.partner.bias).toBeCloseTo(2 / 15, 12)
    // Consensus P0: 5/100 = 0.05 and 0 → 0.025; bias 5/300.
    expect(p0.consensus.mape).toBeCloseTo(0.025, 12)
    expect(p0.consensus.bias).toBeCloseTo(1 / 60, 12)
    // Host P1: 10/50 = 0.2, 0, 10/10 = 1 → 1.2/3 = 0.4; bias (100 − 100)/100 = 0: no bias, large errors.
    expect(p1.host.mape).toBeCloseTo(0.4, 12)
    expect(p1.host.bias).toBe(0)
    // Partner P1: 0.2, 0, 10/40 = 0.25, 2/10 = 0.2 → 0.65/4 = 0.1625; bias (182 − 180)/180 = 1/90.
    expect(p1.partner.mape).toBeCloseTo(0.1625, 12)
    expect(p1.partner.bias).toBeCloseTo(1 / 90, 12)
    // No consensus figure in a week with an actual: nothing to measure.
    expect(p1.consensus).toEqual({ mape: null, bias: null, weeks: 0 })
  })

  test('the side with the lower MAPE was closer; equal MAPEs are a tie', () => {
    expect(result.products.map((p) => p.closer)).toEqual([null, 'partner'])
  })

  test('totals take every counted cell, not the mean of the products', () => {
    // Host: 0.1 + 0.1 + 0.2 + 0 + 1 = 1.4 over 5 cells = 0.28 (the products' MAPEs average 0.25);
    // bias (390 − 400)/400 = −0.025.
    expect(result.total.host.mape).toBeCloseTo(0.28, 12)
    expect(result.total.host.bias).toBeCloseTo(-0.025, 12)
    expect(result.total.host.weeks).toBe(5)
    // Partner: 0 + 0.2 + 0.2 + 0 + 0.25 + 0.2 = 0.85 over 6 = 0.141666…; bias (522 − 480)/480 = 0.0875.
    expect(result.total.partner.mape).toBeCloseTo(0.85 / 6, 12)
    expect(result.total.partner.bias).toBeCloseTo(0.0875, 12)
    expect(result.total.partner.weeks).toBe(6)
    expect(result.total.consensus).toMatchObject({ weeks: 2 })
    expect(result.total.consensus.mape).toBeCloseTo(0.025, 12)
    expect(result.total.closer).toBe('partner')
  })

  test('the host is closer when its errors are smaller', () => {
    const one = forecastAccuracy({
      weekCount: 2,
      productCount: 1,
      actual: [100, 100],
      host: [99, 101],
      partner: [90, 100],
      consensus: [n, n],
    })
    // Host 0.01 against partner 0.05.
    expect(one.products[0].closer).toBe('host')
    expect(one.total.closer).toBe('host')
  })

  test('the same errors in another order are a tie, not a float-drift win', () => {
    // Errors of 0.1, 0.2, 0.3 against 0.3, 0.2, 0.1: added in those orders the floats differ in the last bit.
    expect(0.1 + 0.2 + 0.3).not.toBe(0.3 + 0.2 + 0.1)
    const one = forecastAccuracy({
      weekCount: 3,
      productCount: 1,
      actual: [10, 10, 10],
      host: [11, 12, 13],
      partner: [13, 12, 11],
      consensus: [n, n, n],
    })
    expect(one.products[0].host.mape).not.toBe(one.products[0].partner.mape)
    expect(one.products[0].closer).toBeNull()
  })

  test('nothing to compare: no actuals yet, or one side with no figures', () => {
    const none = forecastAccuracy({
      weekCount: 2,
      productCount: 1,
      actual: [n, 0],
      host: [10, 10],
      partner: [10, 10],
      consensus: [10, 10],
    })
    expect(none.products[0]).toEqual({
      host: { mape: null, bias: null, weeks: 0 },
      partner: { mape: null, bias: null, weeks: 0 },
      consensus: { mape: null, bias: null, weeks: 0 },
      closer: null,
    })
    const oneSide = forecastAccuracy({
      weekCount: 1,
      productCount: 1,
      actual: [10],
      host: [12],
      partner: [n],
      consensus: [n],
    })
    expect(oneSide.products[0].host).toEqual({ mape: 0.2, bias: 0.2, weeks: 1 })
    expect(oneSide.products[0].closer).toBeNull()
  })
})

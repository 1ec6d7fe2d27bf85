import { describe, expect, test } from 'vitest'
import { defaultClaimDeadline, mergePlan, type PlanValues, planValues, samePlanValue } from './plan-fields.ts'

const base: PlanValues = {
  name: 'Spring',
  mechanics: 'display',
  startsOn: '2027-03-01',
  endsOn: '2027-03-31',
  plannedSpend: '3000.00',
  partnerContribution: '500.00',
  expectedLift: '25',
  discount: '',
  channels: ['in_store'],
  regions: 'North',
  claimDeadline: '',
  description: 'End caps',
}

describe('mergePlan', () => {
  test('fields changed by one side only are merged, each side keeping the other’s change', () => {
    const mine = { ...base, name: 'Spring end-caps' }
    const theirs = { ...base, plannedSpend: '3500.00', channels: ['online', 'in_store'] }
    const { merged, conflicts } = mergePlan(base, mine, theirs)
    expect(conflicts).toEqual([])
    expect(merged).toEqual({
      ...base,
      name: 'Spring end-caps',
      plannedSpend: '3500.00',
      channels: ['online', 'in_store'],
    })
  })

  test('a field both changed to different values is a conflict that keeps theirs in the merge', () => {
    const mine = { ...base, name: 'Mine', regions: 'South' }
    const theirs = { ...base, name: 'Theirs', expectedLift: '30' }
    const { merged, conflicts } = mergePlan(base, mine, theirs)
    expect(conflicts).toEqual([{ field: 'name', theirs: 'Theirs', mine: 'Mine' }])
    expect(merged.name).toBe('Theirs')
    expect(merged.regions).toBe('South')
    expect(merged.expectedLift).toBe('30')
  })

  test('both sides making the same change is no conflict; channel order does not matter', () => {
    const mine = { ...base, channels: ['online', 'catalogue'] }
    const theirs = { ...base, channels: ['catalogue', 'online'] }
    expect(mergePlan(base, mine, theirs).conflicts).toEqual([])
    expect(samePlanValue(['a', 'b'], ['b', 'a'])).toBe(true)
    expect(samePlanValue('a', ['a'])).toBe(true)
  })
})

describe('planValues', () => {
  test('the default claim deadline (60 days after the end) shows as empty so it follows the end date', () => {
    expect(defaultClaimDeadline('2027-03-31')).toBe('2027-05-30')
    const row = {
      name: 'x',
      mechanics: 'price_discount' as const,
      description: '',
      startsOn: '2027-03-01',
      endsOn: '2027-03-31',
      currency: 'EUR',
      plannedSpend: 350_000,
      partnerContribution: 50_000,
      expectedLiftBp: 2_550,
      discountBp: 1_500,
      channels: ['online' as const],
      regions: '',
      claimDeadline: '2027-05-30',
    }
    expect(planValues(row)).toMatchObject({
      plannedSpend: '3500.00',
      expectedLift: '25.5',
      discount: '15',
      claimDeadline: '',
    })
    expect(planValues({ ...row, claimDeadline: '2027-06-15' }).claimDeadline).toBe('2027-06-15')
  })
})

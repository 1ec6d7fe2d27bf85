/** A promotion plan as the form sends it (decimals as typed), for the promotion tests. */
export const promotionPlan = (name: string) => ({
  name,
  mechanics: 'display' as const,
  description: 'End-cap display in 12 stores',
  startsOn: '2027-03-01',
  endsOn: '2027-03-31',
  plannedSpend: '3000.00',
  partnerContribution: '500.00',
  expectedLift: '25',
})

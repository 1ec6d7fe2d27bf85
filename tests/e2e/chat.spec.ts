import { expect, signIn, test, unique } from './fixtures.ts'

test('staff and a partner chat live: typing, messages without reloading, read marks, replies', async ({
  page,
  newPerson,
}) => {
  test.slow()
  const channel = 'Acme Appliances ⇄ Brightside Retail'
  const hello = `Display photos are in ${unique()}`

  await signIn(page, 'manager@acme.test')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Messages' }).click()
  await page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('link', { name: new RegExp(channel) })
    .click()
  const staffPanel = page.getByRole('region', { name: `Conversation: ${channel}` })
  await expect(staffPanel).toBeVisible()

  const partner = await newPerson()
  await signIn(partner, 'admin@brightside.test')
  await partner.goto('/chat')
  await partner
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('link', { name: new RegExp(channel) })
    .click()
  const partnerPanel = partner.getByRole('region', { name: `Conversation: ${channel}` })

  // Both are here: each sees the other online.
  await expect(staffPanel.getByRole('list', { name: 'Here now' })).toContainText('Bella Brightside')
  await expect(partnerPanel.getByRole('list', { name: 'Here now' })).toContainText('Maya Manager')

  // Typing shows on the other side, then the message arrives there without a reload.
  await partnerPanel.getByLabel('Message', { exact: true }).pressSequentially('Display photos', { delay: 20 })
  await expect(staffPanel.getByText('Bella Brightside is typing…')).toBeVisible()
  await partnerPanel.getByLabel('Message', { exact: true }).fill(hello)
  await partnerPanel.getByLabel('Message', { exact: true }).press('Enter')
  await expect(staffPanel.getByText(hello)).toBeVisible()

  // Staff has it on screen, so the partner sees it was read.
  const sent = partnerPanel
    .getByRole('listitem', { name: 'Message from Bella Brightside' })
    .filter({ hasText: hello })
  await expect(sent.getByTestId('seen-by')).toContainText('Maya Manager')

  // A reply to that message reaches the partner live, quoting it.
  const received = staffPanel
    .getByRole('listitem', { name: 'Message from Bella Brightside' })
    .filter({ hasText: hello })
  await received.hover()
  await received.getByRole('button', { name: 'Reply' }).click()
  await staffPanel.getByLabel('Message', { exact: true }).fill('Thanks, looks great')
  await staffPanel.getByRole('button', { name: 'Send' }).click()
  const reply = partnerPanel
    .getByRole('listitem', { name: 'Message from Maya Manager' })
    .filter({ hasText: 'Thanks, looks great' })
  await expect(reply).toContainText('Reply to Bella Brightside:')

  // A reaction shows on both sides.
  await reply.hover()
  await reply.getByRole('button', { name: 'React with 👍' }).click()
  await expect(
    staffPanel
      .getByRole('listitem', { name: 'Message from Maya Manager' })
      .filter({ hasText: 'Thanks, looks great' }),
  ).toContainText('👍 1')
})

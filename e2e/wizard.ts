import type { Locator, Page } from '@playwright/test'

/**
 * Opens the import wizard on a connection and walks it to the step a test is about: the name step
 * (`names`) or the review (`review`), choosing the first profile and, if asked, every site.
 */
export async function walkWizard(
  page: Page,
  connection: RegExp,
  to: 'names' | 'review',
  options: { everything?: boolean } = {}
): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: connection }).click()
  await page.getByRole('button', { name: 'Import from this computer' }).click()
  const wizard = page.getByRole('dialog')
  await wizard.getByRole('radio').first().check()
  await wizard.getByRole('button', { name: 'Next' }).click()
  if (options.everything === true) await wizard.getByRole('radio', { name: 'Everything in this profile' }).check()
  await wizard.getByRole('button', { name: 'Next' }).click()
  if (to === 'review') await wizard.getByRole('button', { name: 'Next' }).click()
  return wizard
}

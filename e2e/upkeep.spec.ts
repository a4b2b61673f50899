import { execFileSync } from 'node:child_process'
import { cancelled } from '../shared/errors'
import { expect, test } from './fixtures'
import { notice } from './notices'

test('the report for IT is shown in full first, then saved as one zip, with nothing from a profile in it', async ({ porter }) => {
  const { page } = porter
  await page.getByRole('button', { name: 'Report a problem' }).click()
  const dialog = page.getByRole('dialog', { name: 'Save a report for IT' })
  await expect(dialog).toBeVisible()
  for (const name of ['README.txt', 'about.json', 'browsers.json', 'transfers.json', 'log.txt']) {
    await expect(dialog.getByText(name, { exact: true })).toBeVisible()
  }
  await dialog.getByText('browsers.json', { exact: true }).click()
  await expect(dialog.getByLabel('Contents of browsers.json')).toContainText('"browser": "Google Chrome"')
  for (const name of ['about.json', 'transfers.json', 'log.txt', 'README.txt']) await dialog.getByText(name, { exact: true }).click()
  // What the person reads is all there is: no profile name, e-mail address or folder.
  const shown = (await dialog.textContent()) ?? ''
  for (const personal of ['Work', 'ada@example.com', porter.root]) expect(shown).not.toContain(personal)
  await porter.expectAccessible('report preview')
  await porter.screenshot('report-preview')

  await dialog.getByRole('button', { name: 'Save report…' }).click()
  await expect(notice(page, /Report saved as .*\.zip\./)).toBeVisible()
  await expect(dialog).toBeHidden()
  const [zip] = execFileSync('ls', [porter.downloads], { encoding: 'utf8' }).trim().split('\n')
  expect(zip).toMatch(/^Profile Porter report .*\.zip$/)
  expect(
    execFileSync('unzip', ['-Z1', `${porter.downloads}/${zip}`], { encoding: 'utf8' })
      .trim()
      .split('\n')
  ).toEqual(['README.txt', 'about.json', 'browsers.json', 'transfers.json', 'log.txt'])
})

test.describe('an update that is ready', () => {
  test.use({ updateReady: '9.9.9' })

  test('is offered as a restart in the app frame, which waits while a transfer runs', async ({ porter }) => {
    const { page, services, updater } = porter
    const restart = page.getByRole('button', { name: 'Update ready — restart' })
    await expect(restart).toBeEnabled()
    await porter.expectAccessible('update ready')

    // A transfer that runs until it is cancelled: the window, loaded again, is given it as running.
    const job = services.transfers.start(
      {
        kind: 'import',
        title: 'Long → this computer',
        connectionId: 'local',
        key: 'long',
        run: ({ signal }) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(cancelled())))
      },
      () => undefined
    )
    await page.reload()
    await expect(restart).toBeDisabled()
    await expect(page.getByText('It installs once your transfers finish, or when you quit.')).toBeVisible()
    expect(updater?.installs).toEqual([])

    services.transfers.cancel(job.id)
    await services.transfers.whenSettled(job.id)
    await page.reload()
    await restart.click()
    await expect.poll(() => updater?.installs).toEqual([[true, true]])
  })
})

import { version } from '../package.json'
import { expect, test } from './fixtures'

test.use({ withConnections: true })

test('the app frame shows data that came through the contract', async ({ porter }) => {
  const { page } = porter
  const nav = page.getByRole('navigation', { name: 'Connections' })
  await expect(nav.getByRole('button', { name: /This computer/ })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This computer')
  await expect(page.getByTestId('app-version')).toHaveText(`Profile Porter ${version}`)
  await expect(page.getByText('No profiles here yet')).toBeVisible()
  await expect(nav.getByRole('img', { name: 'reachable' })).toHaveCount(3)
  await porter.screenshot('library-empty')
  await porter.expectAccessible('empty library')

  await nav.getByRole('button', { name: /^WebRun/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('WebRun')
  await expect(nav.getByRole('button', { name: /^WebRun/ })).toHaveAttribute('aria-current', 'page')
})

test('window.porter is the contract, and nothing from Node reaches the page', async ({ porter }) => {
  const shape = await porter.page.evaluate(() => {
    const api = window.porter as unknown as Record<string, Record<string, unknown>>
    return {
      namespaces: Object.keys(api).sort(),
      app: Object.keys(api['app'] ?? {}),
      transfers: Object.keys(api['transfers'] ?? {}).sort(),
      hasRequire: 'require' in window,
      hasProcess: 'process' in window
    }
  })
  expect(shape).toEqual({
    namespaces: ['app', 'browsers', 'checks', 'connections', 'profiles', 'receipts', 'refresh', 'transfers'],
    app: ['getInfo', 'takeNotices', 'getUpdateState', 'restartToUpdate', 'previewReport', 'saveReport', 'onUpdateChanged', 'onCommand'],
    transfers: [
      'cancel',
      'clear',
      'list',
      'onProgress',
      'onUpdated',
      'retry',
      'showInFolder',
      'startDownload',
      'startImport',
      'startRefresh'
    ],
    hasRequire: false,
    hasProcess: false
  })
})

test('a request the contract does not allow comes back as a plain typed error', async ({ porter }) => {
  const result = await porter.page.evaluate(() =>
    (window.porter.app.getInfo as (input: unknown) => Promise<unknown>)({ path: '/etc/passwd' })
  )
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
})

import { version } from '../package.json'
import { listenerName, splitChannel } from '../shared/ipc/api'
import { eventChannels, invokeChannels } from '../shared/ipc/channels'
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
  const { page } = porter
  // Every channel of the contract, as a method (or a listener) in its namespace: none missing, none extra.
  const expected: Record<string, string[]> = {}
  for (const channel of invokeChannels) (expected[splitChannel(channel)[0]] ??= []).push(splitChannel(channel)[1])
  for (const event of eventChannels) (expected[splitChannel(event)[0]] ??= []).push(listenerName(event))
  const shape = await page.evaluate(() =>
    Object.fromEntries(
      Object.entries(window.porter as unknown as Record<string, Record<string, unknown>>).map(([namespace, members]) => [
        namespace,
        Object.entries(members)
          .filter(([, member]) => typeof member === 'function')
          .map(([name]) => name)
      ])
    )
  )
  const sorted = (api: Record<string, string[]>) => Object.fromEntries(Object.entries(api).map(([key, names]) => [key, [...names].sort()]))
  expect(sorted(shape)).toEqual(sorted(expected))
  // And the methods are the contract's, answered by the services behind it, as data.
  const answers = await page.evaluate(async () => ({
    info: await window.porter.app.getInfo(),
    connections: await window.porter.connections.list(),
    transfers: await window.porter.transfers.list()
  }))
  expect(answers.info).toMatchObject({ ok: true, value: { name: 'Profile Porter' } })
  expect(answers.connections).toMatchObject({ ok: true, value: [{ id: 'local' }, { kind: 'hcompany' }, { kind: 'webrun' }] })
  expect(JSON.stringify(answers.connections)).not.toContain('hk-local-dev')
  expect(answers.transfers).toEqual({ ok: true, value: [] })
  // Node's globals, which a bundled polyfill would bring along, are not in the page.
  const leaked = await page.evaluate(() =>
    ['require', 'process', 'module', 'exports', 'Buffer', 'global', 'setImmediate', '__dirname'].filter((name) => name in window)
  )
  expect(leaked).toEqual([])
})

test('a request the contract does not allow comes back as a plain typed error', async ({ porter }) => {
  const result = await porter.page.evaluate(() =>
    (window.porter.app.getInfo as (input: unknown) => Promise<unknown>)({ path: '/etc/passwd' })
  )
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
})

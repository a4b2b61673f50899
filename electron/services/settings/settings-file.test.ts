import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { memorySecretStore } from './secret-store'
import { createConnectionsService } from './connections-service'
import { openSettingsFile } from './settings-file'
import { createLocalLibrary } from '../clouds/local/local-library'
import { directNetwork } from '../../../test/support/direct-network'

const fixtures = join(__dirname, '../../../test/fixtures/settings')
let dataDir: string
const now = () => new Date('2026-11-24T08:15:30.000Z')

beforeEach(async () => {
  dataDir = join(await mkdtemp(join(tmpdir(), 'porter-settings-')), 'data')
  await mkdir(dataDir, { recursive: true })
})
afterEach(() => rm(join(dataDir, '..'), { recursive: true, force: true }))

const stored = async () => JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>

describe('settings.json from every shape a release has written', () => {
  // settings-0.1.0.json: what 0.1.0 writes today (written by its own connection-store.ts);
  // settings-0.1.0-dev-conf.json: the tab-indented file of the development builds that used conf without versions.
  it.each(['settings-0.1.0.json', 'settings-0.1.0-dev-conf.json'])(
    '%s opens with every connection kept, gains preferences and a recorded version, and stays owner-only',
    async (fixture) => {
      const original = JSON.parse(await readFile(join(fixtures, fixture), 'utf8')) as { connections: unknown[] }
      await copyFile(join(fixtures, fixture), join(dataDir, 'settings.json'))
      const settings = openSettingsFile(dataDir, now)
      expect(settings.recovered).toBeUndefined()
      expect(settings.read()).toEqual({ connections: original.connections, preferences: {} })
      expect(await stored()).toMatchObject({ __internal__: { migrations: { version: '2.0.0' } } })
      expect((await stat(join(dataDir, 'settings.json'))).mode & 0o777).toBe(0o600)

      const connections = createConnectionsService({
        dataDir,
        secrets: memorySecretStore(),
        env: { WEBRUN_KEY: 'enig_from_env' },
        local: createLocalLibrary({ dataDir, now }),
        network: directNetwork()
      })
      expect((await connections.list()).map((connection) => connection.name)).toEqual([
        'This computer',
        'H Company — EU',
        'WebRun',
        'WebRun (CI)'
      ])
      await expect(connections.serviceFor('5c6d7e8f-9a0b-4c1d-2e3f-4a5b6c7d8e9f')).resolves.toBeDefined()
      expect((await readdir(dataDir)).filter((name) => name.startsWith('settings'))).toEqual(['settings.json'])
    }
  )

  it('keeps preferences and connections across a reopen, written whole each time (no temporary files left)', async () => {
    const first = openSettingsFile(dataDir, now)
    first.write('preferences', { window: { width: 1300, height: 820, maximized: false } })
    const again = openSettingsFile(dataDir, now)
    expect(again.read().preferences).toEqual({ window: { width: 1300, height: 820, maximized: false } })
    expect(() => again.write('preferences', { window: { width: -1, height: 2, maximized: false } })).toThrow()
    expect(openSettingsFile(dataDir, now).read().preferences.window?.width).toBe(1300)
    expect(await readdir(dataDir)).toEqual(['settings.json'])
  })

  it('sets a file from a newer release aside untouched, and says to install that release', async () => {
    const newer = `${JSON.stringify({ connections: [], accounts: [], __internal__: { migrations: { version: '3.1.0' } } })}\n`
    await writeFile(join(dataDir, 'settings.json'), newer)
    const settings = openSettingsFile(dataDir, now)
    expect(settings.read()).toEqual({ connections: [], preferences: {} })
    expect(settings.recovered?.message).toContain('written by a newer version')
    expect(settings.recovered?.action).toContain('install the newer version')
    expect(await readFile(join(dataDir, 'settings.unreadable-2026-11-24T08-15-30-000Z.json'), 'utf8')).toBe(newer)
  })
})

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { chromiumTree } from '../../../test/fixtures/browser-trees'
import { detectProfiles } from './detect'

let root: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-home-'))
  const profiles = [{ folder: 'Default', name: 'Work' }]
  await chromiumTree(join(root, 'scanned', 'AppData', 'Local', 'Google', 'Chrome', 'User Data'), { profiles })
  await chromiumTree(join(root, 'scanned', 'AppData', 'Roaming', 'Opera Software', 'Opera Stable'), { profiles, flat: true })
  await chromiumTree(join(root, 'scanned', '.config', 'chromium'), { profiles })
  await chromiumTree(join(root, 'elsewhere', 'Local', 'Microsoft', 'Edge', 'User Data'), { profiles })
  await chromiumTree(join(root, 'elsewhere', 'config', 'google-chrome'), { profiles })
})

afterAll(() => rm(root, { recursive: true, force: true }))

const refs = async (platform: 'win32' | 'linux', env: NodeJS.ProcessEnv) =>
  (await detectProfiles({ platform, home: join(root, 'scanned'), env, hostname: 'h', isAlive: () => false })).map((p) => p.ref).sort()

it('PORTER_HOME is the whole home scanned on Windows: its AppData\\Local and AppData\\Roaming, whatever LOCALAPPDATA says', async () => {
  const elsewhere = { LOCALAPPDATA: join(root, 'elsewhere', 'Local'), APPDATA: join(root, 'elsewhere', 'Roaming') }
  expect(await refs('win32', { ...elsewhere, PORTER_HOME: join(root, 'scanned') })).toEqual(['chrome:Default', 'opera:Default'])
  // Without it, Windows' own variables say where the folders are.
  expect(await refs('win32', elsewhere)).toEqual(['edge:Default'])
})

it('PORTER_HOME is the whole home scanned on Linux too, whatever XDG_CONFIG_HOME says', async () => {
  const elsewhere = { XDG_CONFIG_HOME: join(root, 'elsewhere', 'config') }
  expect(await refs('linux', { ...elsewhere, PORTER_HOME: join(root, 'scanned') })).toEqual(['chromium:Default'])
  expect(await refs('linux', elsewhere)).toEqual(['chrome:Default'])
})

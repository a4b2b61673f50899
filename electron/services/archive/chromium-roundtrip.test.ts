import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchOn } from '../../../test/chromium'
import { detectProfiles } from '../browsers/detect'
import { processAlive } from '../browsers/running'
import { createProfileArchive } from './create-archive'
import { extractArchive } from './extract/extract-archive'

let root: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-roundtrip-'))
})
afterAll(() => rm(root, { recursive: true, force: true }))

it.each(['zip', 'tgz'] as const)(
  'a cookie set in real Chromium survives detect → %s archive → extract → relaunch',
  async (format) => {
    const home = join(root, format, 'home')
    const userDataDir = join(home, '.config', 'chromium')
    const expires = Math.floor(Date.now() / 1000) + 7 * 86_400
    const browser = await launchOn(userDataDir)
    await browser.addCookies([
      {
        name: 'session',
        value: `kept-${format}`,
        domain: 'app.example.com',
        path: '/',
        expires,
        httpOnly: true,
        secure: true,
        sameSite: 'Lax'
      }
    ])
    await browser.close()

    const profiles = await detectProfiles({ platform: 'linux', home, env: {}, hostname: 'x', isAlive: processAlive })
    const profile = profiles.find((candidate) => candidate.ref === 'chromium:Default')
    expect(profile).toMatchObject({ browserName: 'Chromium', running: 'not-running' })
    expect(profile?.browserVersion).toMatch(/^\d+\./)

    const tempRoot = join(root, format, 'tmp')
    await mkdir(tempRoot, { recursive: true })
    const archive = await createProfileArchive({ profile: profile!, format, tempRoot, sourceOs: 'linux' })
    const restored = join(root, format, 'restored')
    await extractArchive(archive.file, restored)
    await archive.dispose()

    const relaunched = await launchOn(restored)
    try {
      const cookies = await relaunched.cookies('https://app.example.com')
      expect(cookies).toContainEqual(
        expect.objectContaining({ name: 'session', value: `kept-${format}`, httpOnly: true, secure: true, expires })
      )
    } finally {
      await relaunched.close()
    }
  },
  90_000
)

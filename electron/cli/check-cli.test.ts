import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReferenceCloud } from '../../server/reference-cloud'
import { signInTheTestSites } from '../../test/support/check-profile'
import { SITES } from '../../test/support/check-sites'
import { startCheckCloud, type CheckCloud } from '../../test/support/check-cloud'
import { runNode, type NodeRun } from '../../test/support/run-node'

const PORTER = join(__dirname, '../../bin/porter.cjs')
let root: string
let checkCloud: CheckCloud | undefined
let cloud: ReferenceCloud
let env: NodeJS.ProcessEnv
const ids: Record<string, string> = {}

function porter(args: string[], onStderr?: Parameters<typeof runNode>[2]['onStderr']): Promise<NodeRun> {
  return runNode(PORTER, args, { env, ...(onStderr === undefined ? {} : { onStderr }) })
}

const sessionsRunning = async () => {
  const twin = (await (await fetch(`${cloud.url}/_reference/sessions`)).json()) as {
    hcompany: Array<{ status: string }>
    browsersOpen: number
  }
  return twin.hcompany.filter((s) => !['completed', 'failed', 'timed_out', 'interrupted'].includes(s.status)).length + twin.browsersOpen
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-check-cli-'))
  checkCloud = await startCheckCloud({ webrunRateLimit: 0 })
  cloud = checkCloud.cloud
  const home = join(root, 'home')
  await signInTheTestSites(join(home, '.config', 'chromium'))
  await mkdir(join(root, 'tmp'))
  env = {
    PATH: process.env['PATH'],
    PORTER_HOME: home,
    PORTER_DATA: join(root, 'data'),
    TMPDIR: join(root, 'tmp'),
    H_KEY: 'hk-local-dev',
    WEBRUN_KEY: 'enig_local_dev'
  }
  for (const [kind, name, key] of [
    ['hcompany', 'H', 'H_KEY'],
    ['webrun', 'WebRun', 'WEBRUN_KEY']
  ] as const) {
    expect((await porter(['connections', 'add', '--kind', kind, '--name', name, '--url', cloud.url, '--key-env', key])).code).toBe(0)
    const sent = ['--site', SITES.mail, '--site', SITES.bound, '--site', SITES.bank, '--site', SITES.gone]
    const imported = await porter(['import', 'chromium:Default', '--connection', name, '--name', 'Work', ...sent, '--json'])
    expect(imported.code).toBe(0)
    ids[name] = (JSON.parse(imported.stdout) as { profileId: string }).profileId
  }
}, 180_000)

afterAll(async () => {
  await checkCloud?.close()
  await rm(root, { recursive: true, force: true })
})

describe('porter check', () => {
  it('checks the sites of the last upload: one line per site, JSON with every state, exit 3 when some are not signed in', async () => {
    for (const name of ['H', 'WebRun']) {
      const run = await porter(['check', ids[name] ?? '', '--connection', name, '--json', '--yes'])
      expect(run.code, run.stderr).toBe(3)
      const document = JSON.parse(run.stdout) as {
        sites: Array<{ site: string; state: string; finalUrl: string | null; title: string | null }>
        readOnly: { unchanged: boolean }
        session: { ended: boolean }
      }
      expect(document.sites.map((site) => [site.site, site.state])).toEqual([
        [SITES.mail, 'signed_in'],
        [SITES.gone, 'unreachable'],
        [SITES.bank, 'second_factor'],
        [SITES.bound, 'login_page']
      ])
      expect(document.sites[0]).toMatchObject({ finalUrl: 'https://example.com/', title: 'Inbox – Mail' })
      expect(document).toMatchObject({ readOnly: { unchanged: true }, session: { ended: true } })
      // The cost and the Google warning come first, on stderr; then a live line per site.
      expect(run.stderr).toMatch(/A check starts one .* session[\s\S]*security alert[\s\S]*example\.com: Signed in/)
    }
  }, 180_000)

  it('a named site alone: exit 0 when it is signed in, said in a table', async () => {
    const run = await porter(['check', ids['H'] ?? '', '--connection', 'H', '--site', SITES.mail, '--yes'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/example\.com\s+Signed in\s+https:\/\/example\.com\/\s+Inbox – Mail\s+signed in/)
    expect(run.stdout).toContain('1 of 1 signed in at H.')
    expect(run.stdout).toMatch(/Loaded read-only.*\(unchanged\)\./)
  }, 90_000)

  it('could not run: no tokens left, the library, a site only this computer knows, no consent: each in one sentence', async () => {
    cloud.sessions.tokensUsed = cloud.sessions.tokensLimit
    try {
      const broke = await porter(['check', ids['H'] ?? '', '--connection', 'H', '--yes'])
      expect(broke.code).toBe(1)
      expect(broke.stderr).toMatch(
        /Error: Your H Company token allowance for this period is used up \(it renews on .+\)\. Nothing was started/
      )
    } finally {
      cloud.sessions.tokensUsed = 0
    }
    const library = await porter(['check', 'anything', '--yes'])
    expect(library.code).toBe(1)
    expect(library.stderr).toContain('This connection is the library on this computer: there is no cloud browser to check in.')
    const local = await porter(['check', ids['H'] ?? '', '--connection', 'H', '--site', 'localhost', '--yes'])
    expect([local.code, local.stderr.trim()]).toEqual([
      2,
      '--site: localhost: a name only this computer knows; the cloud browser cannot reach it.'
    ])
    const unasked = await porter(['check', ids['H'] ?? '', '--connection', 'H'])
    expect([unasked.code, unasked.stderr]).toEqual([2, expect.stringContaining('A check uses your H credits: add --yes')])
    expect((await porter(['--help'])).stdout).toContain('porter check <id> [--connection NAME] [--site SITE]...')
  }, 90_000)

  it('Ctrl-C stops the check and ends its session at the service: exit 130', async () => {
    cloud.sessions.stall = true
    try {
      const run = await porter(
        ['check', ids['H'] ?? '', '--connection', 'H', '--site', SITES.mail, '--site', SITES.bank, '--yes'],
        (text, child) => {
          if (text.includes('example.com: opening…') && !child.killed) child.kill('SIGINT')
        }
      )
      expect(run.code).toBe(130)
      expect(run.stderr).toContain('Check stopped. The cloud session was ended.')
      while ((await sessionsRunning()) > 0) await new Promise((resolve) => setTimeout(resolve, 100))
    } finally {
      cloud.sessions.stall = false
    }
  }, 90_000)
})

import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { chromiumTree } from '../../test/fixtures/browser-trees'
import { writeCookiesDb } from '../../test/fixtures/cookies-db'
import { runNode } from '../../test/support/run-node'

const PORTER = join(__dirname, '../../bin/porter.cjs')
let root: string
let env: NodeJS.ProcessEnv
const porter = (args: string[]) => runNode(PORTER, args, { env })

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-signed-out-'))
  const home = join(root, 'home')
  await chromiumTree(join(home, '.config/google-chrome'), { lastVersion: '131.0.6778.86', profiles: [{ folder: 'Default', name: 'Work' }] })
  // Both sign-ins are locked with a desktop keyring this computer does not have.
  await writeCookiesDb(join(home, '.config/google-chrome/Default/Cookies'), [
    { host: '.crm-alpha.com', name: 'session_id', encrypted: Buffer.concat([Buffer.from('v11'), randomBytes(48)]) },
    { host: '.crm-alpha.com', name: 'csrf', encrypted: Buffer.concat([Buffer.from('v11'), randomBytes(48)]) }
  ])
  await mkdir(join(root, 'tmp'))
  env = { PATH: process.env['PATH'], PORTER_HOME: home, PORTER_DATA: join(root, 'data'), TMPDIR: join(root, 'tmp') }
}, 30_000)

afterAll(() => rm(root, { recursive: true, force: true }))

it('uploads nothing and exits 3 when none of the chosen sites’ cookies can be read, unless told --allow-signed-out', async () => {
  const refused = await porter(['import', 'chrome:Default', '--site', 'crm-alpha.com', '--name', 'Signed out'])
  expect(refused.code).toBe(3)
  expect(refused.stderr).toContain(
    'None of the 2 cookies of the chosen sites can be read (they could not be decrypted here), so the profile would arrive signed out everywhere. Nothing was uploaded.'
  )
  expect(refused.stderr).toContain('Use --live or --cookies FILE to bring them, or --allow-signed-out to import it signed out.')
  expect(JSON.parse((await porter(['list', '--json'])).stdout)).toEqual([])

  const allowed = await porter(['import', 'chrome:Default', '--site', 'crm-alpha.com', '--name', 'Signed out', '--allow-signed-out'])
  expect(allowed.code).toBe(0)
  expect(allowed.stdout).toContain(
    '0 of 2 cookies will work in the browser that opens this profile; 2 stay behind, so these sites will need a fresh login: crm-alpha.com.'
  )
  expect(JSON.parse((await porter(['list', '--json'])).stdout)).toHaveLength(1)

  const help = await porter(['--help'])
  expect(help.stdout).toContain('3 signed out (nothing uploaded)')
}, 60_000)

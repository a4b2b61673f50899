import { mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReferenceCloud, type ReferenceCloud } from '../../server/reference-cloud'
import { chromiumTree } from '../../test/fixtures/browser-trees'
import { runNode } from '../../test/support/run-node'

const PORTER = join(__dirname, '../../bin/porter.cjs')
const KEY = 'enig_cli_log_secret_key_0123'
let root: string
let cloud: ReferenceCloud
let env: NodeJS.ProcessEnv

const porter = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => runNode(PORTER, args, { env: { ...env, ...extraEnv } })

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-cli-log-'))
  await chromiumTree(join(root, 'home', '.config/google-chrome'), {
    lastVersion: '131.0.6778.86',
    profiles: [{ folder: 'Default', name: 'Work' }]
  })
  await mkdir(join(root, 'tmp'))
  cloud = await startReferenceCloud({ webrunKeys: [KEY], webrunRateLimit: 0 })
  env = {
    PATH: process.env['PATH'],
    PORTER_HOME: join(root, 'home'),
    PORTER_DATA: join(root, 'data'),
    TMPDIR: join(root, 'tmp'),
    WEBRUN_KEY: KEY
  }
  const added = await porter(['connections', 'add', '--kind', 'webrun', '--name', 'WebRun', '--url', cloud.url, '--key-env', 'WEBRUN_KEY'])
  expect(added.code).toBe(0)
})
afterAll(async () => {
  await cloud.close()
  await rm(root, { recursive: true, force: true })
})

describe('porter --log-file', () => {
  it('writes the run, its transfers and its failures to the file, owner-only and without the key', async () => {
    const file = join(root, 'logs', 'porter.log')
    const imported = await porter([
      '--log-file',
      file,
      'import',
      'chrome:Default',
      '--connection',
      'WebRun',
      '--name',
      'Logged',
      '--all-sites'
    ])
    expect(imported.code).toBe(0)
    const refused = await porter(['--log-file', file, 'list', '--connection', 'WebRun'], { WEBRUN_KEY: 'enig_wrong_key_987654' })
    expect(refused.code).toBe(1)
    const text = await readFile(file, 'utf8')
    expect(text).toMatch(/\[info\] {2}porter import \(Profile Porter [\d.]+, linux\)/)
    expect(text).toMatch(/\[info\] {2}Transfer import \w+ started \(attempt 1/)
    expect(text).toMatch(/\[info\] {2}Transfer import \w+ finished in [\d.]+ s/)
    expect(text).toMatch(/\[warn\] {2}porter list failed: unauthorized: WebRun refused the API key/)
    for (const secret of [KEY, 'enig_wrong_key_987654']) expect(text).not.toContain(secret)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
  })

  it('writes no log at all without it', async () => {
    expect((await porter(['browsers'])).code).toBe(0)
    expect((await readdir(join(root, 'data'))).filter((name) => /log/.test(name))).toEqual([])
  })
})

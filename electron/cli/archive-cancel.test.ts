import { mkdir, mkdtemp, readdir, rm, stat, truncate } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { chromiumTree } from '../../test/fixtures/browser-trees'
import { runNode } from '../../test/support/run-node'

const PORTER = join(__dirname, '../../bin/porter.cjs')
let root: string
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-archive-cancel-'))
  const home = join(root, 'home')
  const store = 'IndexedDB/https_app.example_0.indexeddb.leveldb/000005.ldb'
  await chromiumTree(join(home, '.config/google-chrome'), { profiles: [{ folder: 'Default', name: 'Work', files: { [store]: '' } }] })
  // 6 GiB that take no disk (a sparse file): packing it takes seconds, long enough to be interrupted.
  await truncate(join(home, '.config/google-chrome/Default', store), 6 * 1024 ** 3)
  await mkdir(join(root, 'tmp'))
  env = { PATH: process.env['PATH'], PORTER_HOME: home, PORTER_DATA: join(root, 'data'), TMPDIR: join(root, 'tmp') }
}, 30_000)

afterAll(() => rm(root, { recursive: true, force: true }))

it.each(['zip', 'tgz'])(
  'stops a %s archive on Ctrl-C while packing: exit 130, one plain line, no archive and no temp files',
  async (format) => {
    const out = join(root, format === 'zip' ? 'work.zip' : 'work.tar.gz')
    let interrupted = false
    const run = await runNode(PORTER, ['archive', 'chrome:Default', '--all-sites', '--format', format, '--out', out], {
      env,
      onStderr: (text, child) => {
        if (interrupted || !text.includes('Packing')) return
        interrupted = true
        child.kill('SIGINT')
      }
    })
    expect(interrupted).toBe(true)
    expect(run.code).toBe(130)
    // The last line, alone: no "Error:", no "This operation was aborted".
    expect(run.stderr.trim().split('\n').at(-1)).toBe('Cancelled. Nothing was left behind.')
    await expect(stat(out)).rejects.toThrow()
    // tsx, which runs the CLI from its sources here, keeps its own cache there.
    expect((await readdir(join(root, 'tmp'))).filter((name) => name.startsWith('porter-'))).toEqual([])
  },
  60_000
)

import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startReferenceCloud, type ReferenceCloud } from './reference-cloud'

let cloud: ReferenceCloud
let work: string

beforeAll(async () => {
  cloud = await startReferenceCloud()
  work = await mkdtemp(join(tmpdir(), 'porter-walkthrough-'))
})
afterAll(async () => {
  await cloud.close()
  await rm(work, { recursive: true, force: true })
})

it('the README curl walkthrough works as written', async () => {
  const readme = await readFile(join(__dirname, '../README.md'), 'utf8')
  const block = /<!-- walkthrough:start -->\s*```sh\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(readme)?.[1]
  expect(block).toBeDefined()
  const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', block ?? ''], {
    cwd: work,
    env: { ...process.env, BASE: cloud.url }
  })
  const [first, ...rest] = stdout.trim().split('\n')
  expect(first).toBe('storage answered 204')
  const profile = JSON.parse(rest.join('\n')) as { name: string; checksum: string; usage_count: number }
  const zip = await readFile(join(work, 'profile.zip'))
  expect(profile).toMatchObject({ name: 'curl-demo', usage_count: 0, checksum: createHash('sha256').update(zip).digest('hex') })
})

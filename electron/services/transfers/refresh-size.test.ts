import { randomBytes } from 'node:crypto'
import { mkdtemp, mkdir, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Receipt } from '../../../shared/domain/receipt'
import type { TransferJob } from '../../../shared/domain/transfer'
import { chromiumTree } from '../../../test/fixtures/browser-trees'
import { makeArchive } from '../../../test/support/archives'
import { detectProfiles } from '../browsers/detect'
import { createLocalLibrary } from '../clouds/local/local-library'
import type { ProfileService } from '../clouds/profile-service'
import { refreshJob } from './refresh-job'
import { TransferRunner } from './transfer-runner'

let root: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-refresh-size-'))
  await mkdir(join(root, 'tmp'))
  await chromiumTree(join(root, 'home/.config/google-chrome'), {
    lastVersion: '142.0.1.2',
    profiles: [{ folder: 'Default', name: 'Work', files: { 'Local Storage/leveldb/000003.log': randomBytes(2 * 1024 * 1024) } }]
  })
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

it('an update that would outgrow the service is refused before packing, in the same words as the import’s check', async () => {
  const library = createLocalLibrary({ dataDir: join(root, 'data'), now: () => new Date() })
  // A service that takes at most 256 KB: the profile's 2 MB of random data cannot fit.
  const small: ProfileService = { ...library, capabilities: { ...library.capabilities, maxArchiveBytes: 256 * 1024 } }
  const existing = await library.importArchive(await makeArchive(root, 'tgz'), { name: 'Work', browserFamily: 'chromium' })
  const origin = {
    id: 'r1',
    kind: 'import',
    at: new Date().toISOString(),
    connection: { id: 'local', name: 'This computer', kind: 'local' },
    profile: { id: existing.id, name: 'Work' },
    source: { ref: 'chrome:Default', browser: 'Google Chrome', profile: 'Work' },
    choice: { mode: 'everything' },
    include: {},
    sites: [],
    leftOut: [],
    notes: [],
    archive: { format: 'tgz', bytes: 1, sha256: 'x' }
  } satisfies Receipt
  const phases: string[] = []
  const runner = new TransferRunner()
  const started = runner.start(
    refreshJob(
      { connectionId: 'local', profileId: existing.id },
      {
        service: small,
        serviceLabel: 'Small',
        origin,
        detect: () => detectProfiles({ platform: 'linux', home: join(root, 'home'), env: {}, hostname: 'h', isAlive: () => false }),
        tempRoot: join(root, 'tmp'),
        sourceOs: 'linux'
      }
    ),
    (name, payload) => void (name === 'transfers:updated' && phases.push((payload as TransferJob).phase))
  )
  const job = await runner.whenSettled(started.id)
  expect(job).toMatchObject({
    status: 'failed',
    error: {
      code: 'too_large',
      phase: 'preparing',
      message: expect.stringMatching(
        /^Packed, this profile would be about 2\.\d MB, and Small accepts at most 256 KB\. .* then update it again\.$/
      )
    }
  })
  expect(phases).not.toContain('archiving')
  expect(await readdir(join(root, 'tmp'))).toEqual([])
})

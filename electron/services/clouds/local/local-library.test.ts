import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { makeArchive } from '../../../../test/support/archives'
import { createLocalLibrary } from './local-library'

let work: string
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'porter-lib-'))
})
afterEach(() => rm(work, { recursive: true, force: true }))

it('imports, lists, labels, exports the same bytes, and deletes', async () => {
  const library = createLocalLibrary({ dataDir: join(work, 'data'), now: () => new Date('2026-11-23T10:00:00Z') })
  const archive = await makeArchive(work, 'tgz')
  const profile = await library.importArchive(archive, {
    name: 'Work',
    labels: { team: 'ops' },
    browserFamily: 'chromium',
    browserVersion: '131.0.1'
  })
  expect(profile).toMatchObject({
    name: 'Work',
    status: 'ready',
    sizeBytes: archive.sizeBytes,
    checksum: archive.sha256,
    labels: { team: 'ops' },
    browser: 'chromium',
    createdAt: '2026-11-23T10:00:00.000Z'
  })
  expect(profile).not.toHaveProperty('usageCount')
  expect(await library.list()).toEqual([profile])

  expect((await library.updateLabels(profile.id, { team: 'sales' })).labels).toEqual({ team: 'sales' })
  const exported = join(work, 'export.tar.gz')
  await library.download(profile.id, exported)
  expect(await readFile(exported)).toEqual(await readFile(archive.file))

  await library.delete(profile.id)
  expect(await library.list()).toEqual([])
  expect(await readdir(join(work, 'data', 'library'))).toEqual([])
})

it('keeps a damaged record visible instead of losing it', async () => {
  const library = createLocalLibrary({ dataDir: join(work, 'data'), now: () => new Date() })
  const empty = await library.createEmpty({ name: 'Empty one' })
  expect(empty.status).toBe('empty')
  await writeFile(join(work, 'data', 'library', empty.id, 'meta.json'), '{"name": 3}')
  expect(await library.list()).toEqual([
    expect.objectContaining({ id: empty.id, status: 'failed', damaged: 'its record (meta.json) does not describe this profile' })
  ])
})

it('a record the disk cut short is listed as damaged, and repair rebuilds it from the archive it kept', async () => {
  const library = createLocalLibrary({ dataDir: join(work, 'data'), now: () => new Date('2026-11-24T09:00:00Z') })
  const archive = await makeArchive(work, 'tgz')
  const imported = await library.importArchive(archive, { name: 'CRM “work”', labels: { team: 'ops' }, browserFamily: 'chromium' })
  const meta = join(work, 'data', 'library', imported.id, 'meta.json')
  const record = await readFile(meta, 'utf8')
  await writeFile(meta, record.slice(0, record.length - 30))
  const [listed] = await library.list()
  expect(listed).toMatchObject({ id: imported.id, name: `Damaged entry ${imported.id.slice(0, 8)}`, status: 'failed' })
  expect(listed?.damaged).toMatch(/^its record \(meta\.json\) is not readable/)
  await expect(library.download(imported.id, join(work, 'out.tar.gz'))).rejects.toThrow('This profile’s record is damaged')

  const repaired = await library.repair!(imported.id)
  expect(repaired).toMatchObject({ name: 'CRM “work”', status: 'ready', sizeBytes: archive.sizeBytes, checksum: archive.sha256 })
  expect(repaired).not.toHaveProperty('damaged')
  expect(await library.list()).toEqual([repaired])
  await library.download(imported.id, join(work, 'out.tar.gz'))
  expect(await readFile(join(work, 'out.tar.gz'))).toEqual(await readFile(archive.file))
})

it('refuses to export an empty profile, in plain words', async () => {
  const library = createLocalLibrary({ dataDir: join(work, 'data'), now: () => new Date() })
  const empty = await library.createEmpty({ name: 'Empty one' })
  await expect(library.download(empty.id, join(work, 'x.tar.gz'))).rejects.toMatchObject({
    message: 'This profile is empty, so there is nothing to save.'
  })
})

it('an update replaces the archive under the same id; one killed mid-copy leaves nothing the next run keeps', async () => {
  const library = createLocalLibrary({ dataDir: join(work, 'data'), now: () => new Date() })
  const profile = await library.importArchive(await makeArchive(work, 'tgz'), { name: 'Work', browserFamily: 'chromium' })
  const newer = await makeArchive(work, 'tgz', 32 * 1024)
  expect(await library.replaceArchive?.(profile.id, newer)).toMatchObject({
    id: profile.id,
    status: 'ready',
    sizeBytes: newer.sizeBytes,
    checksum: newer.sha256
  })
  // What a kill during the next update's copy leaves beside the archive.
  const folder = join(work, 'data', 'library', profile.id)
  await writeFile(join(folder, 'profile.tar.gz.next.part'), 'half')
  const nextRun = createLocalLibrary({ dataDir: join(work, 'data'), now: () => new Date() })
  expect((await nextRun.list()).map((listed) => listed.id)).toEqual([profile.id])
  expect((await readdir(folder)).sort()).toEqual(['meta.json', 'profile.tar.gz'])
})

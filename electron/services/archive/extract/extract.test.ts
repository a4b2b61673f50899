import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { patchZipDeclaredSize, patchZipModes, tarGz } from '../../../../test/fixtures/hostile-archives'
import type { ArchiveEntry } from '../entries'
import { HashingFileSink } from '../hashing-sink'
import { writeZip } from '../zip-writer'
import { extractArchive } from './extract-archive'

let root: string
let target: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-hostile-'))
  target = join(root, 'nest', 'target')
  await mkdir(join(root, 'nest'))
})
afterEach(() => rm(root, { recursive: true, force: true }))

const entry = (path: string, data: Buffer | string = 'x'): ArchiveEntry => {
  const buffer = Buffer.from(data)
  return { path, size: buffer.length, mtimeMs: Date.now(), mode: 0o644, source: { data: buffer } }
}

async function zipOf(entries: ArchiveEntry[]): Promise<Buffer> {
  const file = join(root, `made-${Math.random()}.zip`)
  const sink = await HashingFileSink.open(file)
  await writeZip(entries, sink)
  await sink.close()
  const { readFile } = await import('node:fs/promises')
  return readFile(file)
}

/** Everything under root except the archives themselves: nothing may appear outside the target. */
async function strayFiles(): Promise<string[]> {
  const all = await readdir(root, { recursive: true })
  return all.filter((name) => !name.startsWith('hostile') && !name.startsWith('made-') && name !== 'nest')
}

async function expectRefused(archive: Buffer, message: RegExp, limits?: { maxBytes?: number; maxEntries?: number }) {
  const file = join(root, `hostile-${Math.random()}`)
  await writeFile(file, archive)
  await expect(extractArchive(file, target, limits === undefined ? {} : { limits })).rejects.toThrow(message)
  expect(await strayFiles()).toEqual([])
}

describe('safe extraction refuses', () => {
  it.each([
    ['../evil.txt', /outside the folder/],
    ['ok/../../evil.txt', /outside the folder/],
    ['..\\evil.txt', /outside the folder/],
    ['/tmp/evil.txt', /absolute path/],
    ['C:/Windows/evil.txt', /absolute path/]
  ])('a zip entry named %s', async (name, message) => {
    await expectRefused(await zipOf([entry('fine.txt'), entry(name)]), message)
  })

  it('a zip symlink entry', async () => {
    await expectRefused(patchZipModes(await zipOf([entry('link', '/etc/passwd')]), 0o120777), /link or a device/)
  })

  it('a zip bomb past the size cap', async () => {
    await expectRefused(await zipOf([entry('zeros.bin', Buffer.alloc(8 * 1024 * 1024))]), /unpacks to more than 1 MB/, { maxBytes: 1024 * 1024 })
  })

  it('a zip whose entries lie about their size', async () => {
    await expectRefused(patchZipDeclaredSize(await zipOf([entry('zeros.bin', Buffer.alloc(1024 * 1024))]), 10), /more than it declares/)
  })

  it('too many entries', async () => {
    await expectRefused(await zipOf(Array.from({ length: 20 }, (_, i) => entry(`f${i}`))), /more than 10 entries/, { maxEntries: 10 })
  })

  it.each([
    [{ name: '../evil.txt', data: Buffer.from('x') }, /outside the folder/],
    [{ name: '/etc/evil.txt', data: Buffer.from('x') }, /absolute path/],
    [{ name: 'link', type: '2', link: '/etc/passwd' }, /symbolic link/],
    [{ name: 'hard', type: '1', link: '/etc/passwd' }, /hard link/],
    [{ name: 'dev', type: '3' }, /device/],
    [{ name: 'fifo', type: '6' }, /device or special/]
  ])('a tar.gz entry %j', async (hostile, message) => {
    await expectRefused(tarGz([{ name: 'fine.txt', data: Buffer.from('ok') }, hostile]), message)
  })

  it('a tar.gz bomb past the size cap', async () => {
    await expectRefused(tarGz([{ name: 'zeros', data: Buffer.alloc(4 * 1024 * 1024) }]), /unpacks to more than/, { maxBytes: 1024 * 1024 })
  })

  it('a target folder that already exists', async () => {
    await mkdir(target)
    await writeFile(join(target, 'keep.txt'), 'mine')
    const file = join(root, 'hostile-ok.zip')
    await writeFile(file, await zipOf([entry('keep.txt', 'theirs')]))
    await expect(extractArchive(file, target)).rejects.toThrow(/already exists/)
    expect(await readdir(target)).toEqual(['keep.txt'])
  })

  it('a file that is neither zip nor tar.gz', async () => {
    await expectRefused(Buffer.from('plain text'), /neither a zip nor a tar.gz/)
  })
})

import { execFileSync } from 'node:child_process'
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { patchZipDeclaredSize, patchZipModes, tarGz, tarHeader } from '../../../../test/fixtures/hostile-archives'
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
    await expectRefused(await zipOf([entry('zeros.bin', Buffer.alloc(8 * 1024 * 1024))]), /unpacks to more than 1\.0 MB/, {
      maxBytes: 1024 * 1024
    })
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

  it.each([
    ['letters', (block: Buffer) => block.write('0000000x1z\0', 124, 'latin1')],
    ['a negative base-256 number', (block: Buffer) => (block.fill(0xff, 124, 136), undefined)],
    [
      'a base-256 number past 2^53',
      (block: Buffer) => (block.fill(0, 124, 136), (block[124] = 0x80), block.fill(0x7f, 125, 128), undefined)
    ]
  ])('a tar.gz header whose size holds %s, never read as "no limit"', async (_case, spoil) => {
    const header = tarHeader('big.bin', 0, '0')
    spoil(header)
    header.write('        ', 148, 'latin1')
    let sum = 0
    for (const byte of header) sum += byte
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1')
    await expectRefused(gzipSync(Buffer.concat([header, Buffer.alloc(1024)])), /header (is damaged|holds)/)
  })

  it('a tar.gz declaring more than the cap is refused before anything is written', async () => {
    const header = tarHeader('huge.bin', 0, '0')
    header.fill(0, 124, 136)
    header[124] = 0x80
    header.writeBigUInt64BE(9n * 1024n ** 3n, 128)
    header.write('        ', 148, 'latin1')
    let sum = 0
    for (const byte of header) sum += byte
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1')
    await expectRefused(
      gzipSync(Buffer.concat([tarHeader('first.txt', 2, '0'), Buffer.from('ok'), Buffer.alloc(510), header, Buffer.alloc(1024)])),
      /unpacks to more than 8\.0 GB/
    )
  })

  it('a tar.gz of more entries than the cap, refused from its headers alone', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ name: `f${i}` }))
    await expectRefused(tarGz(many), /more than 1,000 entries/, { maxEntries: 1000 })
  })

  it('a tar.gz listing a file and then a folder of the same name, in plain words', async () => {
    await expectRefused(
      tarGz([
        { name: 'a', data: Buffer.from('x') },
        { name: 'a/b', data: Buffer.from('y') }
      ]),
      /listed twice, or as both a file and a folder/
    )
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

describe('safe extraction accepts', () => {
  it('what tar -C dir -czf x . writes, ./ entries included', async () => {
    const source = join(root, 'plain-source')
    await mkdir(join(source, 'Default'), { recursive: true })
    await writeFile(join(source, 'Default', 'Preferences'), '{}')
    await writeFile(join(source, 'Local State'), '{}')
    const file = join(root, 'plain.tar.gz')
    execFileSync('tar', ['-C', source, '-czf', file, '.'])
    expect(execFileSync('tar', ['-tzf', file], { encoding: 'utf8' })).toContain('./Default/Preferences')
    await extractArchive(file, target)
    expect((await readdir(target)).sort()).toEqual(['Default', 'Local State'])
  })
})

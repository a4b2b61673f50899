import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { chmod, mkdir, mkdtemp, open, readdir, readFile, rm, stat, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import { chromiumTree } from '../../../test/fixtures/browser-trees'
import { detectProfiles } from '../browsers/detect'
import { createProfileArchive, type ProfileArchive } from './create-archive'
import type { ArchiveEntry } from './entries'
import { HashingFileSink } from './hashing-sink'
import { streamedNeedsZip64 } from './zip-record'
import { writeZip } from './zip-writer'

let root: string
let profile: DetectedProfile
const archives: Partial<Record<'zip' | 'tgz', ProfileArchive>> = {}
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex')

const at = (iso: string) => new Date(iso)
/** Files whose times, modes and names archives tend to get wrong. */
const tricky = {
  'old.txt': { mtime: at('1975-06-01T12:00:00Z') },
  'future.txt': { mtime: at('2150-01-01T00:00:00Z') },
  'before-epoch.txt': { mtime: at('1960-03-04T05:06:07Z') },
  'far-future.txt': { mtime: at('2300-01-01T00:00:00Z') }
}
const text = (bytes: number) =>
  Buffer.from('{"session":"abc","expires":1234567890,"path":"/"}\n'.repeat(Math.ceil(bytes / 51)).slice(0, bytes))

function run(command: string, args: string[], cwd = root): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-interop-'))
  const home = join(root, 'home')
  await chromiumTree(join(home, '.config/google-chrome'), {
    lastVersion: '142.0.7444.59',
    profiles: [
      {
        folder: 'Default',
        name: 'Work',
        files: {
          'Straße ünïcode/名前.txt': 'utf-8 names',
          [`${'deep/'.repeat(25)}long-name.bin`]: randomBytes(50),
          'IndexedDB/big-text.log': text(12 * 1024 * 1024),
          'IndexedDB/big-noise.blob': randomBytes(6 * 1024 * 1024),
          'IndexedDB/photo.png': randomBytes(5 * 1024 * 1024),
          'script.sh': '#!/bin/sh\necho hi\n',
          'private.txt': 'owner only',
          'as-windows-wrote.txt': 'Windows reports 0666',
          'read-only.txt': 'Windows read-only: 0444',
          'No Execute Bit/inside.txt': 'a folder Windows reports as 0666',
          ...Object.fromEntries(Object.keys(tricky).map((name) => [name, name]))
        }
      }
    ]
  })
  const dir = join(home, '.config/google-chrome/Default')
  await mkdir(join(dir, 'Empty Folder'))
  await chmod(join(dir, 'script.sh'), 0o4755)
  await chmod(join(dir, 'private.txt'), 0o600)
  await chmod(join(dir, 'as-windows-wrote.txt'), 0o666)
  await chmod(join(dir, 'read-only.txt'), 0o444)
  await chmod(join(dir, 'No Execute Bit'), 0o666)
  for (const [name, { mtime }] of Object.entries(tricky)) await utimes(join(dir, name), mtime, mtime)
  ;[profile] = (await detectProfiles({ platform: 'linux', home, env: {}, hostname: 'h', isAlive: () => false })) as [DetectedProfile]
  await mkdir(join(root, 'tmp'))
  for (const format of ['zip', 'tgz'] as const)
    archives[format] = await createProfileArchive({ profile, format, tempRoot: join(root, 'tmp'), sourceOs: 'linux' })
}, 120_000)

afterAll(async () => {
  for (const archive of Object.values(archives)) await archive.dispose()
  await rm(root, { recursive: true, force: true })
})

async function expectFaithful(extracted: string, options: { exactTimes: Array<keyof typeof tricky> }): Promise<void> {
  const source = profile.profileDir
  for (const name of [
    'Straße ünïcode/名前.txt',
    `${'deep/'.repeat(25)}long-name.bin`,
    'IndexedDB/big-text.log',
    'IndexedDB/big-noise.blob',
    'IndexedDB/photo.png'
  ]) {
    expect(sha(await readFile(join(extracted, 'Default', name))), name).toBe(sha(await readFile(join(source, name))))
  }
  expect((await stat(join(extracted, 'Default/Empty Folder'))).isDirectory()).toBe(true)
  // Portable modes whatever the source wrote: files 0600/0644, folders 0700/0755, nothing special.
  const mode = async (name: string) => (await stat(join(extracted, 'Default', name))).mode & 0o7777
  expect(await mode('script.sh')).toBe(0o644)
  expect(await mode('private.txt')).toBe(0o600)
  expect(await mode('as-windows-wrote.txt')).toBe(0o644)
  expect(await mode('read-only.txt')).toBe(0o644)
  expect(await mode('No Execute Bit')).toBe(0o755)
  expect(await mode('Empty Folder')).toBe(0o755)
  for (const name of options.exactTimes) {
    expect((await stat(join(extracted, 'Default', name))).mtime.toISOString(), name).toBe(tricky[name].mtime.toISOString())
  }
}

describe('a zip written by Profile Porter', () => {
  const file = () => archives.zip?.file ?? ''

  it('passes unzip, 7-Zip, bsdtar and Python’s zipfile, byte for byte', async () => {
    expect(run('unzip', ['-tq', file()])).toContain('No errors detected')
    expect(run('7zz', ['t', file()])).toContain('Everything is Ok')
    expect(run('bsdtar', ['-tf', file()])).toContain('Default/Straße ünïcode/名前.txt')
    const python = run('python3', [
      '-c',
      'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(oct(z.getinfo("Default/script.sh").external_attr >> 16)); print(z.getinfo("Default/old.txt").date_time)',
      file()
    ])
    expect(python.split('\n').slice(0, 3)).toEqual(['None', '0o100644', '(1980, 1, 1, 0, 0, 0)'])
  })

  it('stores what does not compress and deflates the rest', () => {
    const listing = run('unzip', ['-v', file()])
    const method = (name: string) =>
      listing
        .split('\n')
        .find((line) => line.endsWith(name))
        ?.trim()
        .split(/\s+/)[1]
    expect(method('Default/IndexedDB/big-noise.blob')).toBe('Stored')
    expect(method('Default/IndexedDB/photo.png')).toBe('Stored')
    expect(method('Default/IndexedDB/big-text.log')).toMatch(/^Defl/)
  })

  it('unpacks with unzip to the same bytes, portable modes (setuid, execute and Windows’ 0666 gone), empty folders and exact times', async () => {
    const out = join(root, 'unzipped')
    run('unzip', ['-q', file(), '-d', out])
    // Before 1980 the DOS date is clamped and the extended timestamp keeps the truth (unzip reads it
    // from 1970 on); outside 1970–2038 only the clamp to 1980–2107 remains.
    await expectFaithful(out, { exactTimes: ['old.txt'] })
    expect((await stat(join(out, 'Default/before-epoch.txt'))).mtime.getUTCFullYear()).toBe(1980)
    const futureDos = run('python3', [
      '-c',
      'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).getinfo("Default/future.txt").date_time)',
      file()
    ])
    expect(futureDos.trim()).toBe('(2107, 12, 31, 23, 59, 58)')
  })

  it('unpacks with bsdtar and 7-Zip to the same bytes', async () => {
    for (const [tool, args] of [
      ['bsdtar', ['-xf', file(), '-C']],
      ['7zz', ['x', '-y', file(), '-o']]
    ] as const) {
      const out = join(root, `zip-${tool}`)
      await mkdir(out)
      run(tool, tool === '7zz' ? [...args.slice(0, 3), `${args[3]}${out}`] : [...args, out])
      expect(sha(await readFile(join(out, 'Default/IndexedDB/big-text.log')))).toBe(
        sha(await readFile(join(profile.profileDir, 'IndexedDB/big-text.log')))
      )
      expect((await stat(join(out, 'Default/Empty Folder'))).isDirectory()).toBe(true)
    }
  })
})

describe('a tar.gz written by Profile Porter', () => {
  const file = () => archives.tgz?.file ?? ''

  it('passes gzip, GNU tar, bsdtar, 7-Zip and Python’s tarfile', () => {
    run('gzip', ['-t', file()])
    expect(run('tar', ['-tzf', file()])).toContain('Default/Empty Folder/')
    expect(run('bsdtar', ['-tzf', file()])).toContain('Default/Straße ünïcode/名前.txt')
    expect(run('7zz', ['t', file()])).toContain('Everything is Ok')
    const python = run('python3', [
      '-c',
      'import sys, tarfile; t = tarfile.open(sys.argv[1]); m = {i.name: i for i in t}; print(int(m["Default/before-epoch.txt"].mtime), int(m["Default/far-future.txt"].mtime), oct(m["Default/script.sh"].mode))',
      file()
    ])
    expect(python.trim()).toBe(
      `${tricky['before-epoch.txt'].mtime.getTime() / 1000} ${tricky['far-future.txt'].mtime.getTime() / 1000} 0o644`
    )
  })

  it('unpacks with GNU tar and bsdtar to the same bytes, modes, empty folders and exact times, before 1970 and after 2242 too', async () => {
    for (const tool of ['tar', 'bsdtar']) {
      const out = join(root, `tgz-${tool}`)
      await mkdir(out)
      run(tool, ['-xzf', file(), '-C', out])
      await expectFaithful(out, { exactTimes: ['old.txt', 'future.txt', 'before-epoch.txt', 'far-future.txt'] })
    }
  })
})

describe('a zip of many entries', () => {
  it('keeps its directory in a file beside it once it outgrows a block, then reads back whole, with the file gone', async () => {
    // ~135 bytes of directory each: 12,000 entries fill more than one 1 MiB block.
    const dir = await mkdtemp(join(root, 'many-'))
    const entries: ArchiveEntry[] = Array.from({ length: 12_000 }, (_, index) => ({
      path: `Default/IndexedDB/https_app.example_0.indexeddb.leveldb/${String(index).padStart(6, '0')}-${'x'.repeat(40)}.ldb`,
      size: 6,
      mtimeMs: Date.UTC(2026, 0, 2),
      mode: 0o644,
      source: { data: Buffer.from(`n${String(index).padStart(5, '0')}`) }
    }))
    const sink = await HashingFileSink.open(join(dir, 'many.zip'))
    await writeZip(entries, sink)
    const { sha256 } = await sink.close()
    expect(await readdir(dir)).toEqual(['many.zip'])
    expect(sha(await readFile(join(dir, 'many.zip')))).toBe(sha256)
    expect(run('unzip', ['-tq', join(dir, 'many.zip')])).toContain('No errors detected')
    const names = run('unzip', ['-Z1', join(dir, 'many.zip')])
      .trim()
      .split('\n')
    expect(names).toEqual(entries.map((entry) => entry.path))
    expect(run('unzip', ['-p', join(dir, 'many.zip'), (entries[11_999] as ArchiveEntry).path])).toBe('n11999')
  })
})

describe('ZIP64', () => {
  it('is decided on the compressed size too: deflate may grow a file just under 4 GiB past it', () => {
    expect(streamedNeedsZip64(0xffffffff - 64 * 1024)).toBe(true)
    expect(streamedNeedsZip64(3 * 1024 ** 3)).toBe(false)
  })

  it('holds a file over 4 GiB (sparse, so the test costs no disk) that unzip, 7-Zip and Python read back', async () => {
    const home = join(root, 'big-home')
    await chromiumTree(join(home, '.config/chromium'), { profiles: [{ folder: 'Default' }] })
    const big = join(home, '.config/chromium/Default/IndexedDB/huge.blob')
    await mkdir(join(big, '..'), { recursive: true })
    const handle = await open(big, 'w')
    await handle.truncate(4.25 * 1024 ** 3)
    await handle.write(Buffer.from('the end'), 0, 7, 4.25 * 1024 ** 3 - 7)
    await handle.close()
    const [bigProfile] = (await detectProfiles({ platform: 'linux', home, env: {}, hostname: 'h', isAlive: () => false })) as [
      DetectedProfile
    ]
    const archive = await createProfileArchive({ profile: bigProfile, format: 'zip', tempRoot: join(root, 'tmp'), sourceOs: 'linux' })
    try {
      expect(run('unzip', ['-tq', archive.file])).toContain('No errors detected')
      expect(run('7zz', ['t', archive.file])).toContain('Everything is Ok')
      const python = run('python3', [
        '-c',
        'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); i = z.getinfo("Default/IndexedDB/huge.blob"); f = z.open(i); f.seek(i.file_size - 7); print(i.file_size, f.read())',
        archive.file
      ])
      expect(python.trim()).toBe(`${4.25 * 1024 ** 3} b'the end'`)
    } finally {
      await archive.dispose()
    }
  }, 300_000)
})

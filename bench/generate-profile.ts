import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { link, mkdir, stat, writeFile } from 'node:fs/promises'
import { writeCookiesDb } from '../test/fixtures/cookies-db'
import { join } from 'node:path'
import { promisify } from 'node:util'

/** Deterministic-enough filler: random bytes for media and caches, text for JSON and logs, sparse pages for SQLite. */
function content(kind: 'random' | 'text' | 'sqlite', size: number): Buffer {
  if (kind === 'random') return randomBytes(size)
  if (kind === 'sqlite') {
    const page = Buffer.alloc(size)
    for (let at = 0; at < size; at += 4096) randomBytes(Math.min(300, size - at)).copy(page, at)
    return page
  }
  const words = ['"token"', '"value"', 'https://example.com/', '{"id":', '"expires":', 'true', 'null', '"session":', '12345,']
  let text = ''
  while (text.length < size) text += `${words[Math.floor(Math.random() * words.length)]} ${Math.random().toString(36).slice(2, 8)}\n`
  return Buffer.from(text.slice(0, size))
}

interface Group {
  dir: string
  files: number
  size: [number, number]
  kind: 'random' | 'text' | 'sqlite'
}

/** Roughly a heavy everyday Chrome profile: most of the bulk is cache, most of the login state is small. */
const layout: Group[] = [
  { dir: 'Cache/Cache_Data', files: 8000, size: [2_000, 40_000], kind: 'random' },
  { dir: 'Code Cache/js', files: 3500, size: [1_000, 20_000], kind: 'random' },
  { dir: 'Code Cache/wasm', files: 300, size: [5_000, 60_000], kind: 'random' },
  { dir: 'Service Worker/CacheStorage', files: 1800, size: [2_000, 30_000], kind: 'random' },
  { dir: 'GPUCache', files: 10, size: [100_000, 1_000_000], kind: 'random' },
  { dir: 'IndexedDB/https_app.example_0.indexeddb.leveldb', files: 1400, size: [1_000, 12_000], kind: 'text' },
  { dir: 'Local Storage/leveldb', files: 60, size: [1_000, 60_000], kind: 'text' },
  { dir: 'Extensions/aapocclcgogkmnckokdopfmhonfmgoek/1.0_0', files: 4200, size: [300, 6_000], kind: 'text' },
  { dir: 'Extension State', files: 40, size: [500, 4_000], kind: 'text' },
  { dir: 'Session Storage', files: 30, size: [500, 8_000], kind: 'text' },
  { dir: 'File System/000/p/00', files: 600, size: [1_000, 10_000], kind: 'random' }
]

const sqliteFiles: Array<[string, number]> = [
  ['History', 12_000_000],
  ['Favicons', 6_000_000],
  ['Web Data', 1_000_000],
  ['Login Data', 400_000],
  ['Top Sites', 100_000],
  ['Shortcuts', 300_000]
]

export async function generateProfile(userDataDir: string): Promise<{ files: number; bytes: number; profileDir: string }> {
  const profileDir = join(userDataDir, 'Default')
  let files = 0
  let bytes = 0
  const put = async (path: string, data: Buffer) => {
    await writeFile(path, data)
    files += 1
    bytes += data.length
  }
  for (const group of layout) {
    const dir = join(profileDir, group.dir)
    await mkdir(dir, { recursive: true })
    for (let i = 0; i < group.files; i++) {
      const size = group.size[0] + Math.floor(Math.random() * (group.size[1] - group.size[0]))
      await put(join(dir, `f${i.toString(16).padStart(5, '0')}`), content(group.kind, size))
    }
  }
  await mkdir(join(profileDir, 'Network'), { recursive: true })
  for (const [name, size] of sqliteFiles) await put(join(profileDir, name), content('sqlite', size))
  // A real cookie database: an import rewrites it, as it would a person's.
  const cookies = join(profileDir, 'Network', 'Cookies')
  await writeCookiesDb(
    cookies,
    Array.from({ length: 2000 }, (_, i) => ({ host: `.site${i % 400}.example`, name: `c${i}`, value: randomBytes(24).toString('hex') }))
  )
  files += 1
  bytes += (await stat(cookies)).size
  await put(join(profileDir, 'Preferences'), Buffer.from(JSON.stringify({ profile: { name: 'Bench', exit_type: 'Crashed' } })))
  await put(join(userDataDir, 'Local State'), Buffer.from(JSON.stringify({ profile: { info_cache: { Default: { name: 'Bench' } } } })))
  // On disk now, not while the runs are timed: the kernel writing ~300 MB back landed on whichever
  // side ran then (`zip -1` took 973 ms instead of ~550 in one archive run, ours 880 instead of ~670 in another).
  await promisify(execFile)('sync')
  return { files, bytes, profileDir }
}

/** Adds `copies` hard-linked copies of the kept small files, to reach many entries without the disk cost. */
export async function multiplyKeptFiles(profileDir: string, copies: number): Promise<number> {
  let added = 0
  for (const group of layout.filter((g) => g.kind === 'text')) {
    for (let copy = 1; copy <= copies; copy++) {
      const dir = join(profileDir, `${group.dir}-copy${copy}`)
      await mkdir(dir, { recursive: true })
      for (let i = 0; i < group.files; i++) {
        const name = `f${i.toString(16).padStart(5, '0')}`
        await link(join(profileDir, group.dir, name), join(dir, name))
        added += 1
      }
    }
  }
  return added
}

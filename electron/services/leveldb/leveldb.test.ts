import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchOn, untilLocalStorageHolds } from '../../../test/chromium'
import { indexBombStore, snappyBombStore } from '../../../test/fixtures/hostile-leveldb'
import { readLogRecords, writeLogRecords } from './log-format'
import { readLevelDb } from './read-db'
import { writeLevelDb } from './write-db'

let root: string
let server: Server
let port: number
const resolver = '--host-resolver-rules=MAP *.example 127.0.0.1'
const store = (dir: string) => join(dir, 'Default', 'Local Storage', 'leveldb')

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-leveldb-'))
  server = createServer((_request, response) => response.end('<html><body>page</body></html>'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  // Real Chromium writes the store: enough data that part of it is compacted into a (snappy) table.
  const browser = await launchOn(join(root, 'original'), [resolver])
  const page = await browser.newPage()
  for (const host of ['keep.example', 'drop.example']) {
    await page.goto(`http://${host}:${port}/`)
    await page.evaluate((name) => {
      localStorage.setItem('token', `secret-of-${name}`)
      for (let i = 0; i < 60; i++) localStorage.setItem(`filler-${i}`, `${name}-`.repeat(6000))
    }, host)
  }
  // ~10 s alone here; Chromium paces the writes of this much data, and under the whole suite's load
  // it once took longer than the usual 30 s.
  await untilLocalStorageHolds(
    join(root, 'original'),
    [
      { origin: `http://keep.example:${port}`, key: 'filler-59' },
      { origin: `http://drop.example:${port}`, key: 'filler-59' }
    ],
    120_000
  )
  // Chromium moves the log into a table in the background: waited for, however busy the machine.
  while (!(await readdir(store(join(root, 'original')))).some((name) => name.endsWith('.ldb')))
    await new Promise((resolve) => setTimeout(resolve, 200))
  await browser.close()
  // A budget, not an expectation: on a loaded machine Chromium's start and its background compaction
  // once took longer than a minute together.
}, 180_000)

afterAll(async () => {
  server.close()
  await rm(root, { recursive: true, force: true })
})

describe('LevelDB, read and written without LevelDB', () => {
  it('frames records the way LevelDB does, across 32 KiB blocks', () => {
    const records = [Buffer.from('a'), Buffer.alloc(70_000, 7), Buffer.alloc(0), Buffer.from('last')]
    expect([...readLogRecords(writeLogRecords(records))]).toEqual(records)
  })

  it("reads what Chromium wrote, tables included, each key's newest value", async () => {
    expect((await readdir(store(join(root, 'original')))).some((name) => name.endsWith('.ldb'))).toBe(true)
    const contents = await readLevelDb(store(join(root, 'original')))
    const values = [...contents.values()].map(({ key, value }) => [key.toString('latin1'), value.toString('latin1')])
    expect(values).toContainEqual([`_http://keep.example:${port}\x00\x01token`, '\x01secret-of-keep.example'])
    expect(values).toContainEqual([`_http://drop.example:${port}\x00\x01token`, '\x01secret-of-drop.example'])
    expect(values.filter(([key]) => key?.includes('filler-'))).toHaveLength(120)
  })

  it('writes a store Chromium opens, keeping exactly the entries given', async () => {
    const copy = join(root, 'filtered')
    await cp(join(root, 'original'), copy, { recursive: true })
    const keep = [...(await readLevelDb(store(copy))).values()].filter(({ key }) => !key.toString('latin1').includes('drop.example'))
    await rm(store(copy), { recursive: true })
    await writeLevelDb(store(copy), keep)
    const browser = await launchOn(copy, [resolver])
    try {
      const page = await browser.newPage()
      await page.goto(`http://keep.example:${port}/`)
      expect(await page.evaluate(() => [localStorage.getItem('token'), localStorage.length])).toEqual(['secret-of-keep.example', 61])
      await page.goto(`http://drop.example:${port}/`)
      expect(await page.evaluate(() => localStorage.length)).toBe(0)
    } finally {
      await browser.close()
    }
  }, 60_000)
})

describe('a hostile store', () => {
  it('a block that claims more than snappy can inflate is refused before anything is allocated', async () => {
    const dir = join(root, 'snappy-bomb')
    await snappyBombStore(dir)
    const before = process.memoryUsage().rss
    await expect(readLevelDb(dir)).rejects.toThrow(/too big/)
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024)
  })

  it('an index that names one block again and again is refused at the second time', async () => {
    const dir = join(root, 'index-bomb')
    await indexBombStore(dir)
    const started = performance.now()
    await expect(readLevelDb(dir)).rejects.toThrow('the index names one block twice')
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  it('a store larger than the limit, or with a folder where a file should be, is not read', async () => {
    await expect(readLevelDb(store(join(root, 'original')), { maxBytes: 1024 })).rejects.toThrow('larger than its size limit')
    const dir = join(root, 'folder-current')
    await mkdir(join(dir, 'CURRENT'), { recursive: true })
    await expect(readLevelDb(dir)).rejects.toThrow('CURRENT is not a regular file')
  })
})

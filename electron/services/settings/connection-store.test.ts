import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openConnectionStore } from './connection-store'

let dataDir: string
const now = () => new Date('2026-11-24T08:15:30.000Z')
const connection = { id: 'c1', kind: 'webrun' as const, name: 'WebRun', baseUrl: 'https://connect.webrun.ai', keyHint: 'eni…7d3e' }

beforeEach(async () => {
  dataDir = join(await mkdtemp(join(tmpdir(), 'porter-store-')), 'data')
})
afterEach(() => rm(join(dataDir, '..'), { recursive: true, force: true }))

describe('settings.json', () => {
  it('is saved owner-only in an owner-only folder, and read back', async () => {
    openConnectionStore(dataDir, now).save([connection])
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700)
    expect((await stat(join(dataDir, 'settings.json'))).mode & 0o777).toBe(0o600)
    const reopened = openConnectionStore(dataDir, now)
    expect(reopened.all()).toEqual([connection])
    expect(reopened.recovered).toBeUndefined()
  })

  it.each([
    ['cut short', '{"connections": [{"id": "c1", "kind": "webr'],
    ['against the schema', JSON.stringify({ connections: [{ ...connection, kind: 'dropbox' }] })],
    ['with a field no version wrote', JSON.stringify({ connections: [connection], theme: 'dark' })],
    ['from a newer version', JSON.stringify({ connections: [connection], __internal__: { migrations: { version: '3.0.0' } } })]
  ])('moves a file %s aside with a timestamp and starts with no connections, saying where it went', async (_case, text) => {
    openConnectionStore(dataDir, now)
    await writeFile(join(dataDir, 'settings.json'), text)
    const store = openConnectionStore(dataDir, now)
    expect(store.all()).toEqual([])
    expect(store.recovered?.action).toContain(join(dataDir, 'settings.unreadable-2026-11-24T08-15-30-000Z.json'))
    expect((await readdir(dataDir)).sort()).toEqual(['settings.json', 'settings.unreadable-2026-11-24T08-15-30-000Z.json'])
    expect(await readFile(join(dataDir, 'settings.unreadable-2026-11-24T08-15-30-000Z.json'), 'utf8')).toBe(text)
  })
})

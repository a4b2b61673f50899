import { execFileSync } from 'node:child_process'
import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBrowsersService } from '../electron/services/browsers/browsers-service'
import { writeLevelDb } from '../electron/services/leveldb/write-db'
import { createDatabase, saveDatabase } from '../electron/services/sqlite/open-database'
import { chromiumTree } from '../test/fixtures/browser-trees'
import { chromeTime, writeCookiesDb } from '../test/fixtures/cookies-db'
import { report } from './report'

const SITES = 2000
const COOKIES_PER_SITE = 10

/** A History with one visited page per site. */
async function writeHistory(path: string): Promise<void> {
  const database = await createDatabase()
  database.exec('CREATE TABLE urls(id INTEGER PRIMARY KEY, url TEXT, title TEXT, visit_count INTEGER, last_visit_time INTEGER)')
  const insert = database.prepare('INSERT INTO urls(url, title, visit_count, last_visit_time) VALUES (?, ?, 1, ?)')
  for (let i = 0; i < SITES; i++) insert.run([`https://www.site-${i}.com/page`, `Site ${i}`, chromeTime(new Date(Date.now() - i * 60_000))])
  insert.free()
  await saveDatabase(database, path)
  database.close()
}

/**
 * The picker's wait (target ≤ 500 ms): the sites of a profile with 2,000 sites and 20,000 cookies,
 * history and Local Storage, median of 7 runs; beside it, the simplest tool that lists cookies per
 * site — sqlite3's GROUP BY on the same Cookies file (without history, storage or the suffix list).
 */
export async function benchSites(): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'porter-bench-sites-'))
  try {
    const profileDir = join(home, '.config/google-chrome/Default')
    await chromiumTree(join(home, '.config/google-chrome'), { profiles: [{ folder: 'Default', name: 'Bench' }], lastVersion: '142.0.0.0' })
    const cookies = []
    for (let site = 0; site < SITES; site++) {
      for (let n = 0; n < COOKIES_PER_SITE; n++)
        cookies.push({
          host: n % 2 === 0 ? `.site-${site}.com` : `www.site-${site}.com`,
          name: n === 0 ? 'session_id' : `pref_${n}`,
          value: 'x'
        })
    }
    await writeCookiesDb(join(profileDir, 'Network/Cookies'), cookies)
    await writeHistory(join(profileDir, 'History'))
    await mkdir(join(profileDir, 'Local Storage'), { recursive: true })
    await writeLevelDb(
      join(profileDir, 'Local Storage/leveldb'),
      Array.from({ length: SITES }, (_, i) => ({
        key: Buffer.from(`_https://www.site-${i}.com\0\x01token`, 'latin1'),
        value: Buffer.from('\x01value')
      }))
    )
    const browsers = createBrowsersService({
      platform: 'linux',
      home,
      env: {},
      hostname: 'bench',
      isAlive: () => false,
      tempRoot: tmpdir(),
      sourceOs: 'linux',
      now: () => new Date()
    })
    const found = (await browsers.sites('chrome:Default')).length
    const times: number[] = []
    for (let i = 0; i < 7; i++) {
      const start = performance.now()
      await browsers.sites('chrome:Default')
      times.push(performance.now() - start)
    }
    const sqlite: number[] = []
    for (let i = 0; i < 7; i++) {
      const start = performance.now()
      execFileSync('sqlite3', [join(profileDir, 'Network/Cookies'), 'SELECT host_key, count(*) FROM cookies GROUP BY host_key'])
      sqlite.push(performance.now() - start)
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
    report('sites_listed', found, 'sites')
    report('sites_2000_list_ms', median(times), 'ms')
    report('sites_sqlite3_group_by_ms', median(sqlite), 'ms')
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}

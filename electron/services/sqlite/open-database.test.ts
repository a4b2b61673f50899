import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runNode } from '../../../test/support/run-node'
import { allRows, createDatabase, editDatabase, openDatabase, saveDatabase } from './open-database'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porter-sqlite-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/**
 * A database as a browser leaves it, made in a process of its own that runs `sql` and then, with
 * `crash`, dies without closing it: a transaction in flight leaves a hot journal behind.
 */
async function browserDatabase(path: string, sql: string, crash = ''): Promise<void> {
  const script = join(dir, 'browser.cjs')
  await writeFile(
    script,
    `const { DatabaseSync } = require('node:sqlite')
     const db = new DatabaseSync(${JSON.stringify(path)})
     db.exec(${JSON.stringify(sql)})
     ${crash === '' ? 'db.close()' : `db.exec(${JSON.stringify(crash)}); process.kill(process.pid, 'SIGKILL')`}`
  )
  await runNode(script, [], { env: process.env })
  await rm(script)
}

describe('SQLite databases', () => {
  it('reads a browser’s database where it lies and leaves nothing beside it, not even for a WAL database', async () => {
    const path = join(dir, 'Cookies')
    await browserDatabase(
      path,
      "PRAGMA journal_mode=WAL; CREATE TABLE cookies(host_key TEXT, expires_utc INTEGER); INSERT INTO cookies VALUES ('.a.example', 13400000000000001)"
    )
    const before = (await stat(path)).mtimeMs
    const database = await openDatabase(path)
    // Chromium's times are microseconds since 1601: beyond 2^53, read as the nearest number.
    expect(allRows(database, 'SELECT host_key, expires_utc FROM cookies')).toEqual([
      { host_key: '.a.example', expires_utc: 13400000000000000 }
    ])
    expect(() => database.run('DELETE FROM cookies')).toThrow(/readonly/i)
    database.close()
    expect((await readdir(dir)).sort()).toEqual(['Cookies'])
    expect((await stat(path)).mtimeMs).toBe(before)
  })

  it('never replays a crashed browser’s journal into its database', async () => {
    const path = join(dir, 'History')
    // A small cache spills the changes into the file before the commit that never comes.
    await browserDatabase(
      path,
      "PRAGMA cache_size=1; CREATE TABLE urls(url TEXT); WITH n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO urls SELECT 'https://kept.example/' || i FROM n",
      "BEGIN; UPDATE urls SET url = 'https://changed.example/' || length(url) || randomblob(200)"
    )
    const [file, journal] = [await readFile(path), await readFile(`${path}-journal`)]
    const database = await openDatabase(path)
    expect(allRows(database, 'SELECT count(*) AS n FROM urls')[0]?.['n']).toBeGreaterThan(0)
    database.close()
    // The file is read as it is; the hot journal stays, untouched, for the browser itself to replay.
    expect(await readFile(path)).toEqual(file)
    expect(await readFile(`${path}-journal`)).toEqual(journal)
    expect((await readdir(dir)).sort()).toEqual(['History', 'History-journal'])
  })

  it('changes a copy in place, and writes a database made in memory to an owner-only file', async () => {
    const made = await createDatabase()
    made.exec('CREATE TABLE cookies(host_key TEXT, value TEXT)')
    const insert = made.prepare('INSERT INTO cookies VALUES (?, ?)')
    for (const host of ['.keep.example', '.drop.example']) insert.run([host, 'v'])
    insert.free()
    const path = join(dir, 'Cookies')
    await writeFile(path, 'an older file in the way')
    await saveDatabase(made, path)
    made.close()
    expect((await stat(path)).mode & 0o777).toBe(0o600)

    const copy = join(dir, 'Cookies-copy')
    await copyFile(path, copy)
    const edited = await editDatabase(copy)
    edited.create_function('porter_keeps_host', (host) => (String(host).startsWith('.keep') ? 1 : 0))
    edited.exec('DELETE FROM cookies WHERE porter_keeps_host(host_key) = 0')
    await saveDatabase(edited, copy)
    edited.close()
    const reread = await openDatabase(copy)
    expect(allRows(reread, 'SELECT host_key FROM cookies')).toEqual([{ host_key: '.keep.example' }])
    reread.close()
    const original = await openDatabase(path)
    expect(allRows(original, 'SELECT count(*) AS n FROM cookies')).toEqual([{ n: 2 }])
    original.close()
  })

  it('changes our own copy in a work folder where it lies; a browser’s file it only reads', async () => {
    const browser = join(dir, 'Cookies')
    await browserDatabase(browser, "CREATE TABLE cookies(host_key TEXT); INSERT INTO cookies VALUES ('.a.example'), ('.b.example')")
    const work = join(dir, `porter-work-${process.pid}-0a1b2c3d4e5f`, 'rewritten')
    await mkdir(work, { recursive: true })
    await copyFile(browser, join(work, 'Cookies'))
    const copy = await openDatabase(join(work, 'Cookies'))
    copy.exec("DELETE FROM cookies WHERE host_key = '.b.example'")
    copy.close()
    const reread = await openDatabase(join(work, 'Cookies'))
    expect(allRows(reread, 'SELECT host_key FROM cookies')).toEqual([{ host_key: '.a.example' }])
    reread.close()
    const original = await openDatabase(browser)
    expect(() => original.exec('DELETE FROM cookies')).toThrow(/readonly/i)
    original.close()
  })

  it('says nothing on the terminal about SQLite being experimental', async () => {
    const script = join(dir, 'use-sqlite.cjs')
    await writeFile(
      script,
      `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register()
       const { createDatabase } = require(${JSON.stringify(join(__dirname, 'open-database.ts'))})
       createDatabase().then((db) => { db.exec('SELECT 1'); db.close(); console.log('done') })`
    )
    const { code, stdout, stderr } = await runNode(script, [], { env: process.env })
    expect({ code, stdout: stdout.trim() }).toEqual({ code: 0, stdout: 'done' })
    expect(stderr).not.toMatch(/experimental/i)
  })
})

import { randomBytes } from 'node:crypto'
import { chmod, cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { encryptGcm, hostHash } from '../../electron/services/portability/chromium-crypto'
import { chromeTime } from '../../electron/services/portability/supplied-rows'
import { MIGRATED_MARKER, NETWORK_STATE_FILES } from '../../electron/services/archive/network-layout'
import { allRows, editDatabase, saveDatabase } from '../../electron/services/sqlite/open-database'
import { launchOn } from '../chromium'
import { putInIndexedDb } from '../support/indexed-db-page'

/** One cookie as a Windows browser keeps it: Windows v10 (the DPAPI key), or v20 (app-bound). */
export interface WindowsCookie {
  host: string
  name: string
  value: string
  appBound?: boolean
  session?: boolean
  /** Partitioned (CHIPS): the top-level site it is kept under. */
  partition?: string
}

export interface WindowsBrowserSpec {
  /** Under AppData\Local: Google\Chrome\User Data, Microsoft\Edge\User Data. */
  vendorPath: string[]
  name: string
  cookies: WindowsCookie[]
}

/**
 * A profile real Chromium made (so every file has the schema and format the browser writes):
 * cookies, network state, and IndexedDB of each origin in both forms (LevelDB, and the newer
 * SQLite store Chromium 156 writes behind a feature).
 */
export async function makeChromiumProfile(dir: string, origins: string[], browserArgs: string[]): Promise<void> {
  for (const [folder, extra] of [
    [dir, []],
    [`${dir}-sqlite`, ['--enable-features=IdbSqliteBackingStore,IdbSqliteOnDiskRollout']]
  ] as const) {
    const browser = await launchOn(folder, [...browserArgs, ...extra])
    const page = await browser.newPage()
    for (const origin of origins) {
      await page.goto(`${origin}/`)
      await page.evaluate(putInIndexedDb, `indexed-${origin}`)
    }
    await browser.addCookies([{ name: 'made', value: 'by-chromium', domain: 'made.example', path: '/' }])
    await browser.close()
  }
  for (const name of await readdir(join(`${dir}-sqlite`, 'Default', 'IndexedDB')))
    await cp(join(`${dir}-sqlite`, 'Default', 'IndexedDB', name), join(dir, 'Default', 'IndexedDB', name), { recursive: true })
  await rm(`${dir}-sqlite`, { recursive: true, force: true })
}

/** Replaces the database's rows with the browser's cookies, encrypted the way Windows Chrome and Edge do. */
async function seedWindowsCookies(path: string, cookies: WindowsCookie[], key: Buffer): Promise<void> {
  const database = await editDatabase(path)
  const version = Number(allRows(database, "SELECT value FROM meta WHERE key = 'version'")[0]?.['value'] ?? 0)
  const columns = allRows(database, 'PRAGMA table_info(cookies)').map((row) => String(row['name']))
  database.run('DELETE FROM cookies')
  const now = chromeTime(Date.now())
  cookies.forEach((cookie, index) => {
    const plain = Buffer.concat([version >= 24 ? hostHash(cookie.host) : Buffer.alloc(0), Buffer.from(cookie.value)])
    const values: Record<string, string | number | Uint8Array> = {
      creation_utc: now + index,
      host_key: cookie.host,
      top_frame_site_key: cookie.partition ?? '',
      name: cookie.name,
      value: '',
      encrypted_value:
        cookie.appBound === true ? Buffer.concat([Buffer.from('v20'), randomBytes(60)]) : encryptGcm(key, plain, randomBytes(12)),
      path: '/',
      expires_utc: cookie.session === true ? 0 : chromeTime(Date.now() + 7 * 86_400_000),
      is_secure: 1,
      is_httponly: 1,
      last_access_utc: now,
      has_expires: cookie.session === true ? 0 : 1,
      is_persistent: cookie.session === true ? 0 : 1,
      priority: 1,
      samesite: cookie.partition === undefined ? 1 : 0,
      source_scheme: 2,
      source_port: 443,
      last_update_utc: now,
      source_type: 0,
      has_cross_site_ancestor: cookie.partition === undefined ? 0 : 1
    }
    database.run(
      `INSERT INTO cookies (${columns.map((column) => `"${column}"`).join(',')}) VALUES (${columns.map(() => '?').join(',')})`,
      columns.map((column) => values[column] ?? 0)
    )
  })
  await saveDatabase(database, path)
  database.close()
}

/**
 * The profile as Windows Chrome or Edge leaves it under <home>\AppData\Local: network state in
 * Default\Network with the marker, Windows v10 cookies (and app-bound v20 ones) under a key that
 * Local State keeps wrapped by DPAPI, caches beside, a read-only file.
 */
export async function windowsProfile(
  home: string,
  made: string,
  spec: WindowsBrowserSpec,
  wrappedKey: string,
  key: Buffer
): Promise<string> {
  const udd = join(home, 'AppData', 'Local', ...spec.vendorPath)
  await mkdir(udd, { recursive: true })
  await cp(join(made, 'Default'), join(udd, 'Default'), { recursive: true })
  await cp(join(made, 'Last Version'), join(udd, 'Last Version'))
  const profile = join(udd, 'Default')
  await mkdir(join(profile, 'Network'), { recursive: true })
  for (const file of await readdir(profile))
    if (NETWORK_STATE_FILES.some((state) => file === state || file.startsWith(`${state}-`)))
      await rename(join(profile, file), join(profile, 'Network', file))
  await writeFile(join(profile, 'Network', MIGRATED_MARKER), '')
  await writeFile(join(profile, 'Network', 'Reporting and NEL'), 'reports about every site visited')
  await seedWindowsCookies(join(profile, 'Network', 'Cookies'), spec.cookies, key)
  await mkdir(join(profile, 'Cache', 'Cache_Data'), { recursive: true })
  await writeFile(join(profile, 'Cache', 'Cache_Data', 'data_1'), randomBytes(4096))
  const localState = JSON.parse(await readFile(join(made, 'Local State'), 'utf8')) as Record<string, unknown>
  localState['profile'] = { info_cache: { Default: { name: spec.name, active_time: 1_763_000_000 } }, last_used: 'Default' }
  localState['os_crypt'] = {
    encrypted_key: Buffer.concat([Buffer.from('DPAPI'), Buffer.from(wrappedKey, 'base64')]).toString('base64'),
    ...(spec.cookies.some((cookie) => cookie.appBound === true)
      ? { app_bound_encrypted_key: Buffer.concat([Buffer.from('APPB'), randomBytes(64)]).toString('base64') }
      : {})
  }
  await writeFile(join(udd, 'Local State'), JSON.stringify(localState))
  // Windows reports a read-only file as 0444, and every folder without the execute bit.
  await chmod(join(profile, 'Preferences'), 0o444)
  return udd
}

import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import { findCookiesDatabase } from '../portability/cookie-census'
import { allRows, openDatabase } from '../sqlite/open-database'

/** Which cookies the profile has on disk (host, name, path; no value): how its live browser context is recognised. */
export async function diskCookieKeys(profile: DetectedProfile): Promise<Set<string>> {
  const path = await findCookiesDatabase(profile.profileDir)
  if (path === undefined) return new Set()
  const database = await openDatabase(path).catch(() => undefined)
  if (database === undefined) return new Set()
  try {
    return new Set(
      allRows(database, 'SELECT host_key, name, path FROM cookies').map(
        (row) => `${String(row['host_key'])}\t${String(row['name'])}\t${String(row['path'])}`
      )
    )
  } catch {
    return new Set()
  } finally {
    database.close()
  }
}

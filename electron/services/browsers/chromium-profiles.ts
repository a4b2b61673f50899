import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { Platform } from '../os/paths'
import type { BrowserRoot } from './locate'
import { dig, readJsonObject, readText, stringAt } from './read-json'
import { chromiumRunning, type ProcessFacts } from './running'

const NOT_PROFILES = new Set(['Guest Profile', 'System Profile'])
/** Opera's flat layout: the user-data folder is itself the default profile. */
const OPERA_DEFAULT = 'Default'

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false
  )
}

/** Folders that hold a profile: listed in Local State, or holding a Preferences file. */
async function profileFolders(root: BrowserRoot, infoCache: Record<string, unknown>): Promise<Array<[folder: string, dir: string]>> {
  const udd = root.dir
  const found = new Map<string, string>()
  if (root.browser.flatLayout === true && (await exists(join(udd, 'Preferences')))) found.set(OPERA_DEFAULT, udd)
  const names = await readdir(udd, { withFileTypes: true }).catch(() => [])
  for (const entry of names) {
    if (entry.isDirectory() && !NOT_PROFILES.has(entry.name) && (await exists(join(udd, entry.name, 'Preferences')))) {
      found.set(entry.name, join(udd, entry.name))
    }
  }
  if (root.browser.flatLayout === true) {
    const side = await readdir(join(udd, '_side_profiles'), { withFileTypes: true }).catch(() => [])
    for (const entry of side) {
      if (entry.isDirectory()) found.set(`_side_profiles/${entry.name}`, join(udd, '_side_profiles', entry.name))
    }
  }
  for (const folder of Object.keys(infoCache)) {
    if (!NOT_PROFILES.has(folder) && !found.has(folder) && (await exists(join(udd, folder)))) found.set(folder, join(udd, folder))
  }
  return [...found]
}

/** Chrome's rule: the Google name, with the local name in brackets when the person chose one. */
function displayName(info: unknown, preferences: Record<string, unknown> | undefined, folder: string): string {
  const local = stringAt(info, 'name') ?? stringAt(preferences, 'profile', 'name')
  const google = stringAt(info, 'gaia_name') ?? stringAt(info, 'gaia_given_name')
  const usingDefault = dig(info, 'is_using_default_name') === true
  if (google !== undefined && (local === undefined || usingDefault)) return google
  if (google !== undefined && local !== undefined && local !== google) return `${google} (${local})`
  return local ?? (folder === 'Default' ? 'Default profile' : folder)
}

function lastActive(info: unknown): string | undefined {
  const seconds = dig(info, 'active_time')
  return typeof seconds === 'number' && seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined
}

function accountEmail(preferences: Record<string, unknown> | undefined): string | undefined {
  const accounts = dig(preferences, 'account_info')
  return Array.isArray(accounts) ? stringAt(accounts[0], 'email') : undefined
}

export async function chromiumProfiles(
  root: BrowserRoot,
  platform: Platform,
  processes: ProcessFacts
): Promise<Omit<DetectedProfile, 'ref'>[]> {
  const localState = await readJsonObject(join(root.dir, 'Local State'))
  const infoCacheValue = dig(localState, 'profile', 'info_cache')
  const infoCache = typeof infoCacheValue === 'object' && infoCacheValue !== null ? (infoCacheValue as Record<string, unknown>) : {}
  const lastVersion = (await readText(join(root.dir, 'Last Version')))?.trim() || undefined
  const running = await chromiumRunning(root.dir, platform, processes)
  const profiles: Omit<DetectedProfile, 'ref'>[] = []
  for (const [folder, dir] of await profileFolders(root, infoCache)) {
    const info = infoCache[folder]
    const needsPreferences = stringAt(info, 'name') === undefined || stringAt(info, 'user_name') === undefined || lastVersion === undefined
    const preferences = needsPreferences ? await readJsonObject(join(dir, 'Preferences')) : undefined
    const email = stringAt(info, 'user_name') ?? accountEmail(preferences)
    const version = lastVersion ?? stringAt(preferences, 'extensions', 'last_chrome_version')
    const lastActiveAt = lastActive(info)
    profiles.push({
      browserId: root.browser.id,
      browserName: root.browser.name,
      family: 'chromium',
      channel: root.browser.channel,
      packaging: root.packaging,
      userDataDir: root.dir,
      profileDir: dir,
      folderName: folder,
      name: displayName(info, preferences, folder),
      ...(email === undefined ? {} : { email }),
      ...(lastActiveAt === undefined ? {} : { lastActiveAt }),
      ...(version === undefined ? {} : { browserVersion: version }),
      running,
      isDefault: stringAt(localState, 'profile', 'last_used') === folder
    })
  }
  return profiles
}

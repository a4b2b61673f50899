import { readdir, stat } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { Platform } from '../os/paths'
import { parseIni } from './ini'
import type { BrowserRoot } from './locate'
import { readJsonObject, readText, stringAt } from './read-json'
import { firefoxRunning, type ProcessFacts } from './running'

interface IniProfile {
  name: string
  dir: string
  legacyDefault: boolean
}

function resolveProfilePath(root: string, path: string, relative: boolean): string {
  const native = path.replace(/[\\/]/g, '/')
  return relative || !isAbsolute(path) ? join(root, ...native.split('/')) : path
}

/** profiles.ini sections; a missing or broken file falls back to folders that look like profiles. */
async function listIniProfiles(root: string): Promise<{ profiles: IniProfile[]; installDefaults: Set<string> }> {
  const installDefaults = new Set<string>()
  const text = await readText(join(root, 'profiles.ini'))
  const sections = text === undefined ? new Map<string, Map<string, string>>() : parseIni(text)
  const installs = parseIni((await readText(join(root, 'installs.ini'))) ?? '')
  for (const [name, section] of [...sections, ...installs]) {
    const value = section.get('Default')
    if ((name.startsWith('Install') || installs.has(name)) && value !== undefined) {
      installDefaults.add(resolveProfilePath(root, value, !isAbsolute(value)))
    }
  }
  const profiles: IniProfile[] = []
  for (const [name, section] of sections) {
    const path = section.get('Path')
    if (!name.startsWith('Profile') || path === undefined) continue
    profiles.push({
      name: section.get('Name') ?? path.split(/[\\/]/).pop() ?? path,
      dir: resolveProfilePath(root, path, section.get('IsRelative') !== '0'),
      legacyDefault: section.get('Default') === '1'
    })
  }
  if (profiles.length > 0) return { profiles, installDefaults }
  return { profiles: await guessProfiles(root), installDefaults }
}

async function guessProfiles(root: string): Promise<IniProfile[]> {
  const found: IniProfile[] = []
  for (const parent of [root, join(root, 'Profiles')]) {
    for (const entry of await readdir(parent, { withFileTypes: true }).catch(() => [])) {
      const dir = join(parent, entry.name)
      if (entry.isDirectory() && ((await isFile(join(dir, 'prefs.js'))) || (await isFile(join(dir, 'cookies.sqlite'))))) {
        found.push({
          name: entry.name.includes('.') ? entry.name.slice(entry.name.indexOf('.') + 1) : entry.name,
          dir,
          legacyDefault: false
        })
      }
    }
  }
  return found
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false
  )
}

/** Developer Edition, Nightly and ESR share Firefox's folder; the last binary that opened the profile tells. */
function channelOf(compatibility: Map<string, string> | undefined, name: string): { channel: string; label: string } {
  const appDir = `${compatibility?.get('LastPlatformDir') ?? ''} ${compatibility?.get('LastAppDir') ?? ''}`
  if (/developer/i.test(appDir) || name === 'dev-edition-default') return { channel: 'developer', label: 'Firefox Developer Edition' }
  if (/nightly/i.test(appDir)) return { channel: 'nightly', label: 'Firefox Nightly' }
  if (/esr/i.test(appDir)) return { channel: 'esr', label: 'Firefox ESR' }
  return { channel: 'release', label: 'Firefox' }
}

export async function firefoxProfiles(
  root: BrowserRoot,
  platform: Platform,
  processes: ProcessFacts
): Promise<Omit<DetectedProfile, 'ref'>[]> {
  const { profiles, installDefaults } = await listIniProfiles(root.dir)
  const detected: Omit<DetectedProfile, 'ref'>[] = []
  for (const profile of profiles) {
    const prefs = await stat(join(profile.dir, 'prefs.js')).catch(() => undefined)
    if (prefs === undefined && !(await isFile(join(profile.dir, 'cookies.sqlite')))) continue
    const compatibility = parseIni((await readText(join(profile.dir, 'compatibility.ini'))) ?? '').get('Compatibility')
    const version = compatibility?.get('LastVersion')?.split('_')[0]
    const { channel, label } =
      root.browser.id === 'firefox' ? channelOf(compatibility, profile.name) : { channel: root.browser.channel, label: root.browser.name }
    const email = stringAt(await readJsonObject(join(profile.dir, 'signedInUser.json')), 'accountData', 'email')
    detected.push({
      browserId: root.browser.id,
      browserName: label,
      family: 'firefox',
      channel,
      packaging: root.packaging,
      userDataDir: root.dir,
      profileDir: profile.dir,
      folderName: profile.dir.split(/[\\/]/).pop() ?? profile.name,
      name: profile.name,
      ...(email === undefined ? {} : { email }),
      ...(prefs === undefined ? {} : { lastActiveAt: prefs.mtime.toISOString() }),
      ...(version === undefined ? {} : { browserVersion: version }),
      running: await firefoxRunning(profile.dir, platform, processes),
      isDefault: installDefaults.has(profile.dir) || profile.legacyDefault
    })
  }
  return detected
}

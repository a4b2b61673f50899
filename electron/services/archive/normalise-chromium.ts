import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { dig, readJsonObject } from '../browsers/read-json'

/**
 * Local State when only chosen sites travel: an allow-list of what the remote browser needs to
 * open `Default` — no account name, e-mail, Google id, picture or metrics id of this computer.
 */
const CHOSEN_SITES_LOCAL_STATE = {
  profile: {
    info_cache: { Default: { name: 'Person 1', is_using_default_name: true, is_using_default_avatar: true } },
    last_used: 'Default',
    last_active_profiles: ['Default'],
    profiles_order: ['Default']
  }
}

/**
 * The remote browser opens the user-data root: Local State names one profile, `Default`, and
 * forgets this computer's encryption keys (they cannot work elsewhere). With chosen sites it holds
 * nothing else; with everything, the rest of the browser's state goes as it is.
 */
export async function writeNormalisedLocalState(
  sourceUserDataDir: string,
  folderName: string,
  target: string,
  options: { chosenSites?: boolean } = {}
): Promise<void> {
  if (options.chosenSites === true) {
    await writeFile(target, JSON.stringify(CHOSEN_SITES_LOCAL_STATE), { mode: 0o600 })
    return
  }
  const localState = (await readJsonObject(join(sourceUserDataDir, 'Local State'))) ?? {}
  const profile =
    typeof localState['profile'] === 'object' && localState['profile'] !== null ? { ...(localState['profile'] as object) } : {}
  const entry = dig(localState, 'profile', 'info_cache', folderName)
  const normalised = {
    ...localState,
    profile: {
      ...profile,
      info_cache: { Default: typeof entry === 'object' && entry !== null ? entry : { name: 'Default' } },
      last_used: 'Default',
      last_active_profiles: ['Default'],
      profiles_order: ['Default']
    }
  }
  delete (normalised as Record<string, unknown>)['os_crypt']
  await writeFile(target, JSON.stringify(normalised), { mode: 0o600 })
}

/** Marks the copied profile as cleanly closed, so the remote browser shows no "restore pages?" bubble. */
export async function markCleanExit(preferencesPath: string): Promise<void> {
  let preferences: Record<string, unknown>
  try {
    preferences = JSON.parse(await readFile(preferencesPath, 'utf8')) as Record<string, unknown>
  } catch {
    return
  }
  const profile =
    typeof preferences['profile'] === 'object' && preferences['profile'] !== null ? (preferences['profile'] as Record<string, unknown>) : {}
  preferences['profile'] = { ...profile, exit_type: 'Normal', exited_cleanly: true }
  await writeFile(preferencesPath, JSON.stringify(preferences), { mode: 0o600 })
}

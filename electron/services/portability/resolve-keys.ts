import { join } from 'node:path'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import { browserCatalog } from '../browsers/catalog'
import { readJsonObject, stringAt } from '../browsers/read-json'
import type { Platform } from '../os/paths'
import { PORTABLE_KEY, linuxKey, macKey } from './chromium-crypto'
import type { CookieScheme } from './cookie-schemes'
import { KeyUnavailable, type KeySources } from './key-sources'

export interface ResolvedKeys {
  /** AES-128 keys for v10/v11 CBC values, most likely first. */
  cbc: Buffer[]
  /** The AES-256 key for Windows v10 values. */
  gcm?: Buffer
  /** Why the OS's key could not be had, in plain words, when it could not. */
  problem?: string
}

/** Gathers the keys this profile's values could be encrypted with, asking the OS only when needed. */
export async function resolveKeys(
  profile: DetectedProfile,
  sourceOs: Platform,
  sources: KeySources,
  schemes: Set<CookieScheme>
): Promise<ResolvedKeys> {
  const safeStorage = browserCatalog.find((browser) => browser.id === profile.browserId)?.safeStorage ?? 'Chrome Safe Storage'
  if (sourceOs === 'linux') {
    // Only v11 values need the keyring; asking for it may show an unlock prompt.
    const passwords = schemes.has('linux-v11') ? ((await sources.keyringPasswords?.(safeStorage, profile.browserId)) ?? []) : []
    return { cbc: [PORTABLE_KEY, ...passwords.map(linuxKey), linuxKey('')] }
  }
  if (sourceOs === 'darwin') {
    const password = schemes.has('macos-v10') ? await sources.keychainPassword?.(safeStorage) : undefined
    return { cbc: password === undefined ? [] : [macKey(password)] }
  }
  if (!schemes.has('windows-v10')) return { cbc: [] }
  const browser = profile.browserName
  const localState = await readJsonObject(join(profile.userDataDir, 'Local State'))
  const wrapped = stringAt(localState, 'os_crypt', 'encrypted_key')
  const blob = wrapped === undefined ? undefined : Buffer.from(wrapped, 'base64')
  if (blob === undefined || blob.subarray(0, 5).toString('latin1') !== 'DPAPI')
    return { cbc: [], problem: `${browser}'s Local State holds no cookie key Windows can unlock` }
  try {
    const key = await sources.dpapiUnprotect?.(blob.subarray(5))
    return key?.length === 32 ? { cbc: [], gcm: key } : { cbc: [], problem: `Windows gave no usable key for ${browser}'s cookies` }
  } catch (error) {
    if (error instanceof KeyUnavailable) return { cbc: [], problem: error.message.replace('the cookie key', `${browser}'s cookie key`) }
    throw error
  }
}

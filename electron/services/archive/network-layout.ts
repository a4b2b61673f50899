import { statSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Where a Chromium profile's network state lives, and where the cloud's browser reads it.
 *
 * Chromium keeps these files together in one folder, the network context's data directory: in
 * `Network/` once `Network/NetworkDataMigrated` exists there, otherwise in the profile folder
 * itself (content/browser/network_sandbox.cc: with the marker the migration "already happened";
 * without it, and with no migration asked for, as on Linux and macOS, the old folder is used).
 * Windows Chrome migrated to `Network/` in version 96; Linux and macOS profiles keep them at the
 * top. Verified with Debian's Chromium 156.0.8078.114: `Default/Network/Cookies` without the marker
 * is ignored (the browser starts with no cookies); with it, `Network/` is read and the top-level
 * copies are deleted. (test: network-layout.chromium.test.ts fails when a later Chromium differs.)
 *
 * So every archive, from every source OS and in every mode, carries them in `Network/` with the
 * marker: what Linux Chromium 156 reads today, and what a Chromium that migrates on Linux too
 * would take as already migrated.
 */
export const NETWORK_FOLDER = 'Network'
export const MIGRATED_MARKER = 'NetworkDataMigrated'

/** The files of the network context's data directory (network::mojom::NetworkContextFilePaths). */
export const NETWORK_STATE_FILES = [
  'Cookies',
  'Network Persistent State',
  'TransportSecurity',
  'Reporting and NEL',
  'Trust Tokens',
  'SCT Auditing Pending Reports',
  'Device Bound Sessions'
]

const SIDECAR = /-(journal|wal|shm)$/

/** `''` (the profile folder) or `'Network/'`: where the source browser itself reads its network state. */
function sourceNetworkFolder(has: (relativePath: string) => boolean): '' | 'Network/' {
  if (has(`${NETWORK_FOLDER}/${MIGRATED_MARKER}`)) return 'Network/'
  if (NETWORK_STATE_FILES.some((name) => has(name))) return ''
  // Files in Network/ without the marker: nothing else to read them from.
  return has(`${NETWORK_FOLDER}/Cookies`) ? 'Network/' : ''
}

export interface NetworkLayout {
  /** Where the source's live cookie database is, relative to the profile folder. */
  cookies: string
  /**
   * Where a profile file goes in the archive (relative to the profile folder): network state into
   * `Network/`; the copy the source browser no longer reads, and its own marker, nowhere (undefined).
   */
  place(relativePath: string): string | undefined
}

function networkLayout(has: (relativePath: string) => boolean): NetworkLayout {
  const source = sourceNetworkFolder(has)
  return {
    cookies: `${source}Cookies`,
    place(relativePath) {
      const slash = relativePath.lastIndexOf('/')
      const folder = relativePath.slice(0, slash + 1)
      const name = relativePath.slice(slash + 1)
      if (folder === 'Network/' && name === MIGRATED_MARKER) return undefined
      if ((folder !== '' && folder !== 'Network/') || !NETWORK_STATE_FILES.includes(name.replace(SIDECAR, ''))) return relativePath
      return folder === source ? `${NETWORK_FOLDER}/${name}` : undefined
    }
  }
}

/** The layout of a profile as it is on disk (not as a walk filtered it: the marker is never sent as it is). */
export function networkLayoutOnDisk(profileDir: string): NetworkLayout {
  return networkLayout(
    (relativePath) => statSync(join(profileDir, ...relativePath.split('/')), { throwIfNoEntry: false })?.isFile() === true
  )
}

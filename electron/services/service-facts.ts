import type { Platform } from './os/paths'
import type { ProxyFor } from './net/proxy-for'
import type { KeySources } from './portability/key-sources'
import type { SecretStore } from './settings/secret-store'
import type { Log } from './logging/logger'
import type { Updates } from './updates/update-controller'

/** OS facts every service may need, passed in so tests and the CLI can point them anywhere. */
export interface OsFacts {
  platform: Platform
  home: string
  env: NodeJS.ProcessEnv
  dataDir: string
  /** Where private work folders (staging, archives) are made; swept of crash leftovers at start. */
  tempRoot: string
  now: () => Date
}

/** What only the shell can do: OS-encrypted secrets, cookie keys, the save dialog, the file manager. */
export interface ShellAdapters {
  secrets: SecretStore
  /** How this computer hands out a browser's cookie key (Keychain, DPAPI, keyring); real OS calls by default. */
  keySources?: KeySources
  /** Which proxy a service address goes through: the system's settings in the app, HTTPS_PROXY elsewhere. */
  proxyFor?: ProxyFor
  /** The OS's save dialog; `title` says what is being saved (a profile archive unless told). */
  chooseSavePath(suggestedName: string, title?: string): Promise<string | undefined>
  /** The OS's open dialog, for a file the person picks (a cookie export). */
  chooseOpenPath(title: string, filters: Array<{ name: string; extensions: string[] }>): Promise<string | undefined>
  showInFolder(path: string): void
  /** Where this run's log goes (the app's log folder; the CLI's --log-file); nowhere when absent. */
  log?: Log
  /** Updating the app itself: the desktop shell's electron-updater; off everywhere else. */
  updates?: Updates
  /** Opens an address in the person's own browser (a check's live view); false when it is not one that may be opened. */
  openExternal?(url: string): Promise<boolean>
}

import type { AppNotice } from '../../../shared/domain/notice'
import { openSettingsFile, type SettingsFile } from './settings-file'
import type { StoredConnection } from './settings-versions'

export { StoredConnection } from './settings-versions'

export interface ConnectionStore {
  all(): StoredConnection[]
  save(connections: StoredConnection[]): void
  /** Set when the settings file could not be used and was moved aside at start. */
  recovered: AppNotice | undefined
}

/** The connections in settings.json (see settings-file.ts for how the file is kept and migrated). */
export function openConnectionStore(dataDir: string, now: () => Date = () => new Date(), file?: SettingsFile): ConnectionStore {
  const settings = file ?? openSettingsFile(dataDir, now)
  return {
    all: () => settings.read().connections,
    save: (connections) => settings.write('connections', connections),
    recovered: settings.recovered
  }
}

import { existsSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import Conf from 'conf'
import type { AppNotice } from '../../../shared/domain/notice'
import { ensurePrivateDir } from '../fs/private-files'
import { SETTINGS_VERSION, migrations, shapes, type Settings } from './settings-versions'

const BOOKKEEPING = '__internal__'

export interface SettingsFile {
  read(): Settings
  write<K extends keyof Settings>(key: K, value: Settings[K]): void
  /** Set when the file could not be used and was moved aside at start. */
  recovered: AppNotice | undefined
}

function withoutBookkeeping(store: Record<string, unknown>): Record<string, unknown> {
  const { [BOOKKEEPING]: _bookkeeping, ...rest } = store
  return rest
}

/** Why the file on disk cannot be opened as it is, before conf touches it; undefined when it can. */
function unusable(file: string): 'damaged' | 'newer' | undefined {
  if (!existsSync(file)) return undefined
  let stored: Record<string, unknown>
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  } catch {
    return 'damaged'
  }
  const version = (stored?.[BOOKKEEPING] as { migrations?: { version?: unknown } } | undefined)?.migrations?.version ?? '1.0.0'
  const shape = shapes[version as keyof typeof shapes]
  if (shape === undefined) return 'newer'
  return shape.safeParse(withoutBookkeeping(stored)).success ? undefined : 'damaged'
}

function aside(file: string, dataDir: string, now: Date, why: 'damaged' | 'newer'): AppNotice {
  const moved = join(dataDir, `settings.unreadable-${now.toISOString().replace(/[:.]/g, '-')}.json`)
  renameSync(file, moved)
  return {
    id: 'settings-moved-aside',
    tone: 'warning',
    message:
      why === 'newer'
        ? 'The settings file was written by a newer version of Profile Porter, so the app started with no connections.'
        : 'The settings file was damaged, so the app started with no connections.',
    action: `Nothing was deleted: the old file is kept as ${moved}. Add your connections again${why === 'newer' ? ', or install the newer version' : ''}.`
  }
}

function open(dataDir: string): Conf<Settings> {
  return new Conf<Settings>({
    cwd: dataDir,
    configName: 'settings',
    projectVersion: SETTINGS_VERSION,
    migrations,
    defaults: { connections: [], preferences: {} },
    configFileMode: 0o600,
    serialize: (value) => `${JSON.stringify(value, null, 2)}\n`
  })
}

/**
 * settings.json in the data folder, through conf: atomic writes, a recorded schema version, and the
 * migrations of settings-versions.ts run once from whatever shape a release left. A file that is
 * damaged, fails its version's schema or comes from a newer release is never overwritten: it is
 * moved aside with a timestamp, the app starts with empty settings, and the person is told once.
 */
export function openSettingsFile(dataDir: string, now: () => Date = () => new Date()): SettingsFile {
  ensurePrivateDir(dataDir)
  const file = join(dataDir, 'settings.json')
  const problem = unusable(file)
  let recovered = problem === undefined ? undefined : aside(file, dataDir, now(), problem)
  let conf: Conf<Settings>
  try {
    conf = open(dataDir)
    shapes[SETTINGS_VERSION].parse(withoutBookkeeping(conf.store))
  } catch {
    // A migration that failed (conf has put the file back as it found it) or produced a shape this
    // version refuses: the file is kept aside as it is, and the app starts clean.
    recovered = aside(file, dataDir, now(), 'damaged')
    conf = open(dataDir)
  }
  return {
    read: () => shapes[SETTINGS_VERSION].parse(withoutBookkeeping(conf.store)),
    // Checked against this version's schema before conf writes the whole file again.
    write: (key, value) => conf.set({ [key]: shapes[SETTINGS_VERSION].shape[key].parse(value) }),
    recovered
  }
}

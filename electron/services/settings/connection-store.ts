import { existsSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { AppNotice } from '../../../shared/domain/notice'
import { ensurePrivateDir, writeFileAtomicSync } from '../fs/private-files'

/** A connection as saved on disk: never the key itself, only where to find it. */
export const StoredConnection = z
  .object({
    id: z.string(),
    kind: z.enum(['hcompany', 'webrun']),
    name: z.string().min(1).max(60),
    baseUrl: z.string(),
    keyHint: z.string(),
    /** The CLI never stores a key: it names the environment variable that holds one. */
    keyEnv: z.string().optional()
  })
  .strict()
export type StoredConnection = z.infer<typeof StoredConnection>

/** Strict, so a file written by a newer version (a field this one does not know) is not half-read. */
const SettingsFile = z.object({ connections: z.array(StoredConnection) }).strict()

export interface ConnectionStore {
  all(): StoredConnection[]
  save(connections: StoredConnection[]): void
  /** Set when the settings file could not be used and was moved aside at start. */
  recovered: AppNotice | undefined
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-')
}

/**
 * `settings.json` in the data folder. A damaged or unknown file is never silently overwritten: it
 * is moved aside with a timestamp, the app starts with no connections, and the person is told once.
 */
export function openConnectionStore(dataDir: string, now: () => Date = () => new Date()): ConnectionStore {
  ensurePrivateDir(dataDir)
  const file = join(dataDir, 'settings.json')
  let connections: StoredConnection[] = []
  let recovered: AppNotice | undefined
  if (existsSync(file)) {
    let parsed: z.ZodSafeParseResult<z.infer<typeof SettingsFile>> | undefined
    try {
      parsed = SettingsFile.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    } catch {
      parsed = undefined
    }
    if (parsed?.success === true) {
      connections = parsed.data.connections
    } else {
      const aside = join(dataDir, `settings.unreadable-${stamp(now())}.json`)
      renameSync(file, aside)
      recovered = {
        id: 'settings-moved-aside',
        tone: 'warning',
        message: 'The settings file was damaged or written by a newer version of Profile Porter, so the app started with no connections.',
        action: `Nothing was deleted: the old file is kept as ${aside}. Add your connections again, or install the newer version.`
      }
    }
  }
  return {
    all: () => connections,
    save: (next) => {
      writeFileAtomicSync(file, `${JSON.stringify(SettingsFile.parse({ connections: next }), null, 2)}\n`)
      connections = next
    },
    recovered
  }
}

import * as z from 'zod'

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

/** How the person left the window, so it opens that way again. */
const Preferences = z
  .object({
    window: z
      .object({ width: z.number().int().positive(), height: z.number().int().positive(), maximized: z.boolean() })
      .strict()
      .optional()
  })
  .strict()

/**
 * Every shape of settings.json a release has written, by the version conf records in it. 1.0.0 is
 * the unversioned file of 0.1.0 and earlier (connections only, no bookkeeping); 2.0.0 adds
 * preferences. Strict, so a file written by a newer version (a field this one does not know) is
 * never half-read: it is set aside instead.
 */
export const shapes = {
  '1.0.0': z.object({ connections: z.array(StoredConnection) }).strict(),
  '2.0.0': z.object({ connections: z.array(StoredConnection), preferences: Preferences }).strict()
} as const

export const SETTINGS_VERSION = '2.0.0'
export type Settings = z.infer<(typeof shapes)['2.0.0']>

/** What conf's migration steps may do to the store. */
export interface MigratingStore {
  has(key: string): boolean
  set(key: string, value: unknown): void
}

/** Steps from each earlier shape to the next, run by conf in version order, each once. */
export const migrations: Record<string, (store: MigratingStore) => void> = {
  '2.0.0': (store) => {
    if (!store.has('preferences')) store.set('preferences', {})
  }
}

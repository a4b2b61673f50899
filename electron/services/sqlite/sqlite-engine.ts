import { createRequire } from 'node:module'

export type Sqlite = typeof import('node:sqlite')
let engine: Sqlite | undefined

/**
 * SQLite as built into Node (22.13 and later, unflagged) and Electron 45 (Node 24): it reads a
 * database where it lies, where sql.js copied each one whole into its WebAssembly memory, which
 * never shrinks (measured on a 2,000-cookie database: +5 MB and 8 ms against +30 MB and 111 ms).
 * Loaded on first use; Node's one-time "experimental" notice is not shown to the person.
 */
export function sqlite(): Sqlite {
  if (engine !== undefined) return engine
  const emit = process.emitWarning
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (!String(warning).includes('SQLite is an experimental feature')) Reflect.apply(emit, process, [warning, ...rest])
  }) as typeof process.emitWarning
  try {
    // Once seen to answer undefined on a worker thread under heavy load; the module loader then still knows it.
    engine = process.getBuiltinModule('node:sqlite') ?? (createRequire(__filename)('node:sqlite') as Sqlite)
  } finally {
    process.emitWarning = emit
  }
  return engine
}

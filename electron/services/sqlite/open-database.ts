import { chmod, rename, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite'
import { pathToFileURL } from 'node:url'

type Sqlite = typeof import('node:sqlite')
let engine: Sqlite | undefined

/**
 * SQLite as built into Node (22.13 and later, unflagged) and Electron 45 (Node 24): it reads a
 * database where it lies, where sql.js copied each one whole into its WebAssembly memory, which
 * never shrinks (measured on a 2,000-cookie database: +5 MB and 8 ms against +30 MB and 111 ms).
 * Loaded on first use; Node's one-time "experimental" notice is not shown to the person.
 */
function sqlite(): Sqlite {
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

export type Param = string | number | null | Uint8Array

export interface Statement {
  run(params?: Param[]): void
  free(): void
}

/** Integers as numbers, as JavaScript (and sql.js before) reads them: Chromium's microsecond times exceed 2^53. */
function plain(row: Record<string, SQLInputValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key in row) {
    const value = row[key]
    out[key] = typeof value === 'bigint' ? Number(value) : value
  }
  return out
}

export class Database {
  private readonly statements = new Map<string, StatementSync>()

  constructor(
    private readonly db: DatabaseSync,
    /** The file changes are made in, or undefined for a snapshot or a database in memory. */
    readonly editing: string | undefined
  ) {}

  exec(sql: string): void {
    this.db.exec(sql)
  }

  run(sql: string, params: Param[] = []): void {
    this.statement(sql).run(...params)
  }

  prepare(sql: string): Statement {
    const statement = this.db.prepare(sql)
    return { run: (params = []) => void statement.run(...params), free: () => undefined }
  }

  /** A function SQL can call, row by row (the site filter in a DELETE). */
  create_function(name: string, fn: (...values: unknown[]) => Param): void {
    this.db.function(name, { deterministic: true, varargs: true }, (...values) =>
      fn(...values.map((value) => (typeof value === 'bigint' ? Number(value) : value)))
    )
  }

  rows(sql: string, params: Param[]): Array<Record<string, unknown>> {
    return this.statement(sql)
      .all(...params)
      .map((row) => plain(row as Record<string, SQLInputValue>))
  }

  /**
   * Writes an in-memory database to a file of its own (owner-only, replacing any file there). It is
   * written beside and renamed into place, so SQLite never looks at (or removes) a journal there.
   */
  async saveTo(path: string): Promise<void> {
    const written = `${path}.porter-new`
    await rm(written, { force: true })
    this.db.prepare('VACUUM INTO ?').run(written)
    await chmod(written, 0o600)
    await rename(written, path)
  }

  close(): void {
    this.statements.clear()
    if (this.db.isOpen) this.db.close()
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql)
    if (statement === undefined) {
      statement = this.db.prepare(sql)
      statement.setReadBigInts(true)
      this.statements.set(sql, statement)
    }
    return statement
  }
}

/** Profile Porter's own copies live in its private work folders (see archive/work-dir.ts); nothing else is ever written to. */
const WORK_FOLDER = /[\\/]porter-work-\d+-[0-9a-f]+[\\/]/

/**
 * A database to read: a browser's, as it lies on disk and never written to (`immutable` takes no
 * lock and never creates a journal or WAL file beside the browser's own, as a copy of the bytes
 * did); or one of our own copies in a work folder, which can be changed where it lies.
 */
export async function openDatabase(path: string): Promise<Database> {
  if (WORK_FOLDER.test(path)) return editDatabase(path)
  const { DatabaseSync } = sqlite()
  return new Database(new DatabaseSync(`${pathToFileURL(path).href}?immutable=1`, { readOnly: true }), undefined)
}

/** A database of our own (a copy in the work folder), changed where it lies: nothing is loaded whole. */
export async function editDatabase(path: string): Promise<Database> {
  const { DatabaseSync } = sqlite()
  return new Database(new DatabaseSync(path), path)
}

export async function createDatabase(): Promise<Database> {
  const { DatabaseSync } = sqlite()
  return new Database(new DatabaseSync(':memory:'), undefined)
}

/** Changes to an edited database are in its file already; any other one is written out whole. */
export async function saveDatabase(database: Database, path: string): Promise<void> {
  if (database.editing !== path) await database.saveTo(path)
}

/** All rows of a query as objects. */
export function allRows(database: Database, sql: string, params: Param[] = []): Array<Record<string, unknown>> {
  return database.rows(sql, params)
}

import { chmod, rename, rm } from 'node:fs/promises'
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite'

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

  /** Rows one at a time: a table of 100,000 cookies is never held as objects all at once. */
  *each(sql: string, params: Param[] = []): Generator<Record<string, unknown>> {
    for (const row of this.statement(sql).iterate(...params)) yield plain(row as Record<string, SQLInputValue>)
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

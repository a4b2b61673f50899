import { readFile, writeFile } from 'node:fs/promises'
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js'

let engine: Promise<SqlJsStatic> | undefined

/** SQLite compiled to WebAssembly: nothing to rebuild for Electron's ABI. Loaded once. */
function sqlite(): Promise<SqlJsStatic> {
  engine ??= initSqlJs()
  return engine
}

/** Opens a copy of a database file in memory (browsers' cookie databases are a few MB). */
export async function openDatabase(path: string): Promise<Database> {
  const SQL = await sqlite()
  return new SQL.Database(await readFile(path))
}

export async function createDatabase(): Promise<Database> {
  const SQL = await sqlite()
  return new SQL.Database()
}

export async function saveDatabase(database: Database, path: string): Promise<void> {
  await writeFile(path, database.export(), { mode: 0o600 })
}

/** All rows of a query as objects. */
export function allRows(database: Database, sql: string, params: Array<string | number | null> = []): Array<Record<string, unknown>> {
  const statement = database.prepare(sql)
  try {
    statement.bind(params)
    const rows: Array<Record<string, unknown>> = []
    while (statement.step()) rows.push(statement.getAsObject())
    return rows
  } finally {
    statement.free()
  }
}

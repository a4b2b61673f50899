import { pathToFileURL } from 'node:url'
import { Database, type Param } from './database'
import { sqlite } from './sqlite-engine'

export { Database, type Param } from './database'

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

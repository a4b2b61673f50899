import { randomBytes } from 'node:crypto'
import { rename, writeFile } from 'node:fs/promises'

/** Writes JSON to a temp file beside the target, then renames: a crash leaves the old or the new, never half. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`
  await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 })
  await rename(temp, path)
}

import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync } from 'node:fs'
import { rename, rm, writeFile } from 'node:fs/promises'

/**
 * The app's data folder is the person's alone (0700) and every file in it 0600: it holds the
 * library's archives, which carry logins. On Windows the folder under the user's profile already
 * restricts access to that user; mode bits there are ignored, and these calls are harmless.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  chmodSync(dir, 0o700)
}

/**
 * Writes beside the target, then renames: a crash leaves the old or the new file, never half of one,
 * and a write that fails (a full disk) takes its temporary file with it.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(temp, data, { mode: 0o600 })
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined)
    throw error
  }
}

export function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`)
}

import { createHash } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { PorterError } from '../../../shared/errors'
import { processAlive } from '../browsers/running'

/** Gives the lock back; safe to call more than once. */
export type Release = () => Promise<void>

function busy(what: string, pid: number): PorterError {
  return new PorterError({
    code: 'conflict',
    message: `${what} is already being imported by Profile Porter on this computer (process ${pid}), so this import did not start.`,
    action: 'Wait until that import has finished, or cancel it there, then try again.'
  })
}

/**
 * One import of one browser profile at a time on this computer, across windows, the bridge and CLI
 * processes: a lock file made with O_EXCL that names its process. A lock whose process is gone (a
 * crash, a kill) is taken over, so a crash never leaves the profile locked.
 */
export async function lockProfile(dir: string, key: string, what: string, isAlive = processAlive): Promise<Release> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const file = join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.lock`)
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600)
      await handle.writeFile(JSON.stringify({ pid: process.pid, key, at: new Date().toISOString() }))
      await handle.close()
      let released = false
      return async () => {
        if (released) return
        released = true
        await rm(file, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    let holder: number | undefined
    try {
      holder = Number((JSON.parse(await readFile(file, 'utf8')) as { pid?: unknown }).pid)
    } catch {
      holder = undefined
    }
    if (holder !== undefined && Number.isInteger(holder) && holder > 0 && (holder === process.pid || isAlive(holder)))
      throw busy(what, holder)
    // Left by a process that is gone (or cut short as it was written): moved out of the way, then taken.
    await rename(file, `${file}.${process.pid}.stale`).catch(() => undefined)
    await rm(`${file}.${process.pid}.stale`, { force: true })
  }
  throw busy(what, 0)
}

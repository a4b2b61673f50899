import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'

/** Every temporary folder the app makes starts with this, followed by the owning process id. */
const PREFIX = 'porter-work-'

/** A private (owner-only) folder for staging and archives; it holds secrets until removed. */
export async function createWorkDir(tempRoot: string): Promise<string> {
  const dir = join(tempRoot, `${PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`)
  await mkdir(dir, { recursive: false, mode: 0o700 })
  return dir
}

/** At start-up: removes work folders whose process is gone (left behind by a crash). */
export async function sweepWorkDirs(tempRoot: string, isAlive: (pid: number) => boolean): Promise<string[]> {
  const removed: string[] = []
  for (const name of await readdir(tempRoot).catch(() => [] as string[])) {
    const pid = Number(/^porter-work-(\d+)-[0-9a-f]+$/.exec(name)?.[1])
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue
    await rm(join(tempRoot, name), { recursive: true, force: true })
    removed.push(name)
  }
  return removed
}

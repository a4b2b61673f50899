import { open, readlink, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { RunningState } from '../../../shared/domain/detected-profile'
import type { Platform } from '../os/paths'

export interface ProcessFacts {
  hostname: string
  isAlive(pid: number): boolean
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else — still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Windows lock files are held open without sharing while the browser runs. */
async function heldOpen(path: string): Promise<boolean | undefined> {
  try {
    await stat(path)
  } catch {
    return undefined
  }
  try {
    const handle = await open(path, 'r+')
    await handle.close()
    return false
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'EBUSY' || code === 'EPERM' || code === 'EACCES'
  }
}

/** `host-pid` (Chromium) or `ip:+pid` (Firefox) from a lock symlink, checked against this machine. */
async function symlinkLock(path: string, separator: RegExp, processes: ProcessFacts, hostMatters: boolean): Promise<RunningState> {
  let target: string
  try {
    target = await readlink(path)
  } catch {
    return 'not-running'
  }
  const match = separator.exec(target)
  if (match === null) return 'unknown'
  const [, host, pid] = match
  if (hostMatters && host !== processes.hostname) return 'elsewhere'
  return processes.isAlive(Number(pid)) ? 'running' : 'not-running'
}

/** Chromium keeps its lock in the user-data folder: SingletonLock (POSIX) or lockfile (Windows). */
export async function chromiumRunning(userDataDir: string, platform: Platform, processes: ProcessFacts): Promise<RunningState> {
  if (platform === 'win32') {
    const held = await heldOpen(join(userDataDir, 'lockfile'))
    return held === true ? 'running' : 'not-running'
  }
  return symlinkLock(join(userDataDir, 'SingletonLock'), /^(.*)-(\d+)$/, processes, true)
}

/** Firefox keeps its lock in the profile folder; on macOS only an fcntl lock tells, which Node cannot test. */
export async function firefoxRunning(profileDir: string, platform: Platform, processes: ProcessFacts): Promise<RunningState> {
  if (platform === 'win32') {
    const held = await heldOpen(join(profileDir, 'parent.lock'))
    return held === true ? 'running' : 'not-running'
  }
  if (platform === 'linux') return symlinkLock(join(profileDir, 'lock'), /^(.*):\+?(\d+)$/, processes, false)
  try {
    await stat(join(profileDir, '.parentlock'))
    return 'unknown'
  } catch {
    return 'not-running'
  }
}

import { open } from 'node:fs/promises'
import { join, parse } from 'node:path'

/** Enough for days of ordinary use, small enough to e-mail. */
const RECENT_BYTES = 256 * 1024

async function tail(path: string, bytes: number): Promise<string> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch {
    return ''
  }
  try {
    const { size } = await handle.stat()
    const length = Math.min(size, bytes)
    const buffer = Buffer.alloc(length)
    await handle.read(buffer, 0, length, size - length)
    const text = buffer.toString('utf8')
    // Cut at a line start so the first line is whole.
    return length < size ? text.slice(text.indexOf('\n') + 1) : text
  } finally {
    await handle.close()
  }
}

/** The end of the log: the current file, preceded by the rotated one when the current is short. */
export async function recentLog(file: string | undefined): Promise<string> {
  if (file === undefined) return 'This run keeps no log file.\n'
  const current = await tail(file, RECENT_BYTES)
  const { dir, name, ext } = parse(file)
  const room = RECENT_BYTES - Buffer.byteLength(current)
  const older = room > 0 ? await tail(join(dir, `${name}.old${ext}`), room) : ''
  return `${older}${current}` || 'The log is empty.\n'
}

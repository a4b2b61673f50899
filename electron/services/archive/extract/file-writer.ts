import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { closeQuietly } from '../../fs/close-quietly'
import { describeFileError } from '../../fs/plain-file-error'
import { untilDrained } from '../../fs/until-drained'
import { unsafeArchive } from './unsafe-archive'

/** What a file-system refusal during extraction means: the archive fights itself, or the disk says no. */
async function plainly(error: unknown, path: string, full: string): Promise<Error> {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR')
    return unsafeArchive(`"${path}" is listed twice, or as both a file and a folder`)
  if (code === 'ENAMETOOLONG') return unsafeArchive(`"${path.slice(0, 60)}…" has a name too long for this computer`)
  return (await describeFileError(error, { path: full })) ?? (error as Error)
}

/**
 * Writes entries only inside a folder this extraction created itself, never following or
 * replacing anything: files are opened with `wx`, so a name listed twice is refused.
 */
export class TargetFolder {
  private readonly made = new Set<string>()

  constructor(readonly root: string) {}

  static async create(root: string): Promise<TargetFolder> {
    try {
      await mkdir(root, { recursive: false, mode: 0o700 })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw unsafeArchive(`the folder ${root} already exists`)
      throw (await describeFileError(error, { path: root })) ?? error
    }
    return new TargetFolder(root)
  }

  async directory(path: string): Promise<void> {
    const full = join(this.root, ...path.split('/'))
    if (this.made.has(full)) return
    await mkdir(full, { recursive: true, mode: 0o700 }).catch(async (error: unknown) => {
      throw await plainly(error, path, full)
    })
    this.made.add(full)
  }

  async file(path: string, content: AsyncIterable<Buffer>): Promise<number> {
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''
    if (parent !== '') await this.directory(parent)
    const full = join(this.root, ...path.split('/'))
    if (dirname(full) !== join(this.root, ...parent.split('/').filter(Boolean))) throw unsafeArchive(`"${path}" points outside the folder`)
    const out = createWriteStream(full, { flags: 'wx', mode: 0o600 })
    let failure: unknown
    out.on('error', (error) => (failure ??= error))
    await new Promise<void>((resolve, reject) => {
      out.once('open', () => resolve())
      out.once('error', reject)
    }).catch(async (error: unknown) => {
      throw await plainly(error, path, full)
    })
    let written = 0
    try {
      for await (const chunk of content) {
        if (failure !== undefined) break
        written += chunk.length
        if (!out.write(chunk)) await untilDrained(out, 'error')
      }
    } finally {
      await closeQuietly(out)
    }
    if (failure !== undefined) throw await plainly(failure, path, full)
    return written
  }
}

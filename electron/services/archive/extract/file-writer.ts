import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { unsafeArchive } from './unsafe-archive'

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
      throw error
    }
    return new TargetFolder(root)
  }

  async directory(path: string): Promise<void> {
    const full = join(this.root, ...path.split('/'))
    if (this.made.has(full)) return
    await mkdir(full, { recursive: true, mode: 0o700 })
    this.made.add(full)
  }

  async file(path: string, content: AsyncIterable<Buffer>): Promise<number> {
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''
    if (parent !== '') await this.directory(parent)
    const full = join(this.root, ...path.split('/'))
    if (dirname(full) !== join(this.root, ...parent.split('/').filter(Boolean))) throw unsafeArchive(`"${path}" points outside the folder`)
    const out = createWriteStream(full, { flags: 'wx', mode: 0o600 })
    await new Promise<void>((resolve, reject) => {
      out.once('open', () => resolve())
      out.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EEXIST' ? unsafeArchive(`"${path}" is listed twice`) : error))
    })
    let written = 0
    try {
      for await (const chunk of content) {
        written += chunk.length
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
      }
    } finally {
      await new Promise<void>((resolve) => out.end(() => resolve()))
    }
    return written
  }
}

import { open, rm, type FileHandle } from 'node:fs/promises'
import { writeAll } from '../fs/write-all'

/**
 * The central directory as it grows: headers packed back to back in a 1 MiB block, each full block
 * appended to a file beside the archive, so memory stays flat however many entries there are
 * (kept in memory, 100,000 entries held ~10 MB to the end); an archive of fewer than ~10,000
 * entries never fills a block and never touches the disk for it.
 */
export class CentralDirectory {
  private readonly block = Buffer.allocUnsafe(1024 * 1024)
  private used = 0
  private spilled: FileHandle | undefined
  private readonly spill: string
  count = 0

  constructor(archivePath: string) {
    this.spill = `${archivePath}.directory`
  }

  async add(header: Buffer): Promise<void> {
    if (this.used + header.length > this.block.length) {
      this.spilled ??= await open(this.spill, 'w+', 0o600)
      await writeAll(this.spilled, this.block.subarray(0, this.used))
      this.used = 0
    }
    header.copy(this.block, this.used)
    this.used += header.length
    this.count += 1
  }

  /** The whole directory, in order, through the block (each piece valid until the next is asked for). */
  async *parts(): AsyncGenerator<Buffer> {
    const tail = Buffer.from(this.block.subarray(0, this.used))
    if (this.spilled !== undefined)
      for (let position = 0, read = -1; read !== 0; position += read) {
        ;({ bytesRead: read } = await this.spilled.read(this.block, 0, this.block.length, position))
        if (read > 0) yield this.block.subarray(0, read)
      }
    yield tail
  }

  /** Removes what was spilled, however the archive ended. */
  async dispose(): Promise<void> {
    if (this.spilled === undefined) return
    await this.spilled.close().catch(() => undefined)
    await rm(this.spill, { force: true })
  }
}

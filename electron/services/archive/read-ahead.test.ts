import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { ArchiveEntry } from './entries'
import { SMALL_FILE_BYTES, readAhead } from './read-ahead'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porter-read-ahead-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

// The smallest budget still holds the largest file read whole, with the spare byte its read asks for.
it.each([3 * SMALL_FILE_BYTES, SMALL_FILE_BYTES])(
  'hands out every file whole and in order while one small memory (budget %i bytes) is reused round and round',
  async (budgetBytes) => {
    // Sizes that wrap the ring at every offset: empty files, the largest read whole, and everything between.
    const sizes = [
      0,
      SMALL_FILE_BYTES,
      1,
      SMALL_FILE_BYTES - 1,
      ...Array.from({ length: 300 }, () => Math.floor(Math.random() * SMALL_FILE_BYTES))
    ]
    const contents = sizes.map((size) => randomBytes(size))
    const entries: ArchiveEntry[] = []
    for (const [index, data] of contents.entries()) {
      const file = join(dir, `f${index}`)
      await writeFile(file, data)
      entries.push({ path: `f${index}`, size: data.length, mtimeMs: 0, mode: 0o644, source: { file } })
    }
    entries.push({ path: 'large', size: SMALL_FILE_BYTES + 1, mtimeMs: 0, mode: 0o644, source: { file: join(dir, 'not-read-here') } })
    entries.push({ path: 'manifest', size: 2, mtimeMs: 0, mode: 0o644, source: { data: Buffer.from('{}') } })

    const seen: string[] = []
    for await (const { entry, prepared } of readAhead(entries, async (_entry, data) => data, {
      window: 16,
      budgetBytes
    })) {
      seen.push(entry.path)
      const index = Number(entry.path.slice(1))
      if (entry.path === 'large') expect(prepared).toBeUndefined()
      else if (entry.path === 'manifest') expect(prepared?.toString()).toBe('{}')
      // Still intact when the writer gets it, though later files were read meanwhile.
      else expect(prepared?.equals(contents[index] as Buffer)).toBe(true)
    }
    expect(seen).toEqual(entries.map((entry) => entry.path))
  }
)

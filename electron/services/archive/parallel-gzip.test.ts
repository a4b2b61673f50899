import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { HashingFileSink } from './hashing-sink'
import { ParallelGzip } from './parallel-gzip'
import { writeInOrder } from './write-in-order'

const MiB = 1024 * 1024
let dir: string | undefined

afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  dir = undefined
})

/** Compressible bytes that differ from chunk to chunk, so a lost or repeated piece shows. */
function text(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size)
  for (let at = 0; at < size; at++) out[at] = 97 + ((at * 7 + seed * 13 + Math.floor(at / 97)) % 26)
  return out
}

describe('parallel gzip over the hashing sink', () => {
  // Sizes that end a 1 MiB block exactly, cross one, fill several, or are empty; and one past the
  // sink's 1 MiB gathering, which it writes as it is.
  const sizes = [0, 1, 511, 512, MiB - 1024, 1024, MiB, 700, 3 * MiB + 5, 0, 123_457, MiB - 123_457 - 700, 65_536, 2 * MiB]

  /** Writes each size from one reused buffer, with a header after it, zeroing both once the write allows. */
  async function writeAll(write: (chunk: Buffer) => Promise<void> | undefined): Promise<{ expected: Buffer; waited: number }> {
    const expected: Buffer[] = []
    // One buffer for every chunk, as the tar writer reuses one for every small file.
    const reused = Buffer.alloc(Math.max(...sizes))
    let waited = 0
    for (const [index, size] of sizes.entries()) {
      const data = text(size, index)
      const header = text(512, 100 + index)
      expected.push(data, Buffer.from(header))
      data.copy(reused)
      const wait = writeInOrder(write, [reused.subarray(0, size), header])
      if (wait !== undefined) {
        waited += 1
        await wait
      }
      reused.fill(0)
      header.fill(0)
    }
    return { expected: Buffer.concat(expected), waited }
  }

  it('writes every byte once, in order, though the caller overwrites each chunk as soon as it may', async () => {
    dir = await mkdtemp(join(tmpdir(), 'porter-gzip-'))
    const file = join(dir, 'out.gz')
    const sink = await HashingFileSink.open(file)
    const gzip = new ParallelGzip(sink, 1)
    const { expected, waited } = await writeAll((chunk) => gzip.write(chunk))
    await gzip.end()
    const { sha256, size } = await sink.close()

    const stored = await readFile(file)
    expect(gunzipSync(stored).equals(expected)).toBe(true)
    expect(size).toBe(stored.length)
    expect(sha256).toBe(createHash('sha256').update(stored).digest('hex'))
    // Most writes finish at once; only those that filled a block waited.
    expect(waited).toBeGreaterThan(0)
    expect(waited).toBeLessThan(sizes.length)
  })

  it('keeps what the sink was given, in order, when it is written to directly', async () => {
    dir = await mkdtemp(join(tmpdir(), 'porter-gzip-'))
    const file = join(dir, 'out.bin')
    const sink = await HashingFileSink.open(file)
    const { expected } = await writeAll((chunk) => sink.write(chunk))
    const { sha256, size } = await sink.close()

    const stored = await readFile(file)
    expect(stored.equals(expected)).toBe(true)
    expect(size).toBe(expected.length)
    expect(sha256).toBe(createHash('sha256').update(expected).digest('hex'))
  })

  it('makes a valid empty gzip when nothing is written', async () => {
    dir = await mkdtemp(join(tmpdir(), 'porter-gzip-'))
    const file = join(dir, 'empty.gz')
    const sink = await HashingFileSink.open(file)
    const gzip = new ParallelGzip(sink, 1)
    await gzip.end()
    await sink.close()
    expect(gunzipSync(await readFile(file)).length).toBe(0)
  })
})

import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { cancelled } from '../../../../shared/errors'

/** Copies a file through `<target>.part`, hashing as it goes; cancel removes the part. */
export async function copyWithProgress(
  source: string,
  target: string,
  options: { signal?: AbortSignal; onProgress?(done: number): void } = {}
): Promise<{ sha256: string; bytes: number }> {
  const part = `${target}.part`
  const hash = createHash('sha256')
  let bytes = 0
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      bytes += chunk.length
      options.onProgress?.(bytes)
      done(null, chunk)
    }
  })
  try {
    await pipeline(createReadStream(source), tap, createWriteStream(part, { mode: 0o600 }), options.signal ? { signal: options.signal } : {})
  } catch (error) {
    await rm(part, { force: true })
    throw options.signal?.aborted === true ? cancelled() : error
  }
  await rename(part, target)
  return { sha256: hash.digest('hex'), bytes }
}

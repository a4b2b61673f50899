import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { cancelled } from '../../../../shared/errors'
import { describeFileError, plainFileError } from '../../fs/plain-file-error'

/** Copies a file through `<target>.part`, hashing as it goes; a cancel or a failure removes the part. */
export async function copyWithProgress(
  source: string,
  target: string,
  options: { signal?: AbortSignal; onProgress?(done: number): void; bytesNeeded?: number } = {}
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
    await pipeline(
      createReadStream(source),
      tap,
      createWriteStream(part, { mode: 0o600 }),
      options.signal ? { signal: options.signal } : {}
    )
    await rename(part, target)
  } catch (error) {
    // The part may be impossible to remove (its folder was never there); the failure that matters is the copy's.
    await rm(part, { force: true }).catch(() => undefined)
    if (options.signal?.aborted === true) throw cancelled()
    // Reading the source is one thing, writing the copy another: each failure is said for what it is.
    const reading = (error as NodeJS.ErrnoException).path === source
    throw (
      (reading
        ? plainFileError(error, { path: source, reading })
        : await describeFileError(error, {
            path: target,
            ...(options.bytesNeeded === undefined ? {} : { bytesNeeded: options.bytesNeeded })
          })) ?? error
    )
  }
  return { sha256: hash.digest('hex'), bytes }
}

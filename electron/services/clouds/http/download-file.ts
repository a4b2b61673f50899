import { createWriteStream } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import { PorterError, cancelled } from '../../../../shared/errors'
import { describeFileError } from '../../fs/plain-file-error'
import type { Network } from '../../net/network'
import { httpFailure, networkFailure } from './service-errors'

export interface DownloadRequest {
  service: string
  network: Network
  url: string
  target: string
  headers?: Record<string, string>
  signal?: AbortSignal
  onProgress?(bytesDone: number, bytesTotal: number | undefined): void
}

/**
 * Streams a file to `<target>.part` and renames it when complete. A `.part` left by an earlier
 * try is resumed with Range when the server allows it, and started over when it does not. A file
 * that cannot be written (disk full, folder gone) ends the download with the plain cause, and the
 * part is removed: a download never takes the process down.
 */
export async function downloadFile(download: DownloadRequest): Promise<{ bytes: number }> {
  const part = `${download.target}.part`
  const existing = (await stat(part).catch(() => undefined))?.size ?? 0
  if (download.signal?.aborted === true) throw cancelled()
  const req = await download.network.request(new URL(download.url), {
    method: 'GET',
    headers: { ...download.headers, ...(existing > 0 ? { range: `bytes=${existing}-` } : {}) }
  })
  let total: number | undefined
  const bytes = await new Promise<number>((resolve, reject) => {
    let settled = false
    // A write that failed is the cause: the response it cuts short must not be told as a lost connection.
    let writeFailed = false
    const finish = (error: Error | undefined, done?: number) => {
      if (settled) return
      settled = true
      download.signal?.removeEventListener('abort', onAbort)
      if (error !== undefined) req.destroy()
      if (error === undefined && done !== undefined) resolve(done)
      else reject(error)
    }
    req.on('error', (error) => {
      if (!writeFailed) finish(download.signal?.aborted === true ? cancelled() : networkFailure(download.service, error))
    })
    const onAbort = () => finish(cancelled())
    if (download.signal?.aborted === true) return onAbort()
    download.signal?.addEventListener('abort', onAbort, { once: true })
    req.on('response', (response) => {
      const status = response.statusCode ?? 0
      if (status !== 200 && status !== 206) {
        response.resume()
        return finish(httpFailure(download.service, status, undefined))
      }
      const resuming = status === 206 && existing > 0
      const start = resuming ? existing : 0
      const length = Number(response.headers['content-length'] ?? NaN)
      total = Number.isFinite(length) ? start + length : undefined
      const out = createWriteStream(part, { flags: resuming ? 'a' : 'w', mode: 0o600 })
      const lost = (error: unknown) => {
        if (writeFailed) return
        out.end(() => finish(download.signal?.aborted === true ? cancelled() : networkFailure(download.service, error)))
      }
      out.on('error', (error) => {
        writeFailed = true
        response.destroy()
        // The write failed (disk full, folder gone, not allowed): the cause, in words, is the result.
        void describeFileError(error, { path: download.target, ...(total === undefined ? {} : { bytesNeeded: total }) }).then((plain) =>
          finish(plain ?? error)
        )
      })
      let done = start
      response.on('data', (chunk: Buffer) => {
        done += chunk.length
        download.onProgress?.(done, total)
        if (!out.write(chunk)) {
          response.pause()
          out.once('drain', () => response.resume())
        }
      })
      response.on('end', () =>
        writeFailed
          ? undefined
          : out.end(() => {
              if (total !== undefined && done !== total) lost(Object.assign(new Error('short read'), { code: 'ECONNRESET' }))
              else finish(undefined, done)
            })
      )
      response.on('error', lost)
      response.on('aborted', () => lost(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })))
    })
    req.end()
  }).catch(async (error: unknown) => {
    // A part is kept only to resume after a lost connection; any other failure removes it.
    const resumable = error instanceof PorterError && error.code === 'network' && error.retryable
    if (!resumable) await rm(part, { force: true }).catch(() => undefined)
    throw error
  })
  try {
    await rename(part, download.target)
  } catch (error) {
    await rm(part, { force: true }).catch(() => undefined)
    throw (await describeFileError(error, { path: download.target })) ?? error
  }
  return { bytes }
}

/** Removes an unfinished download (on cancel, and when the job gives up). */
export async function discardPartial(target: string): Promise<void> {
  await rm(`${target}.part`, { force: true }).catch(() => undefined)
}

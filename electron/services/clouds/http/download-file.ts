import { createWriteStream } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { cancelled } from '../../../../shared/errors'
import { httpFailure, networkFailure } from './service-errors'

export interface DownloadRequest {
  service: string
  url: string
  target: string
  headers?: Record<string, string>
  signal?: AbortSignal
  onProgress?(bytesDone: number, bytesTotal: number | undefined): void
}

/**
 * Streams a file to `<target>.part` and renames it when complete. A `.part` left by an earlier
 * try is resumed with Range when the server allows it, and started over when it does not.
 */
export async function downloadFile(download: DownloadRequest): Promise<{ bytes: number }> {
  const part = `${download.target}.part`
  const existing = (await stat(part).catch(() => undefined))?.size ?? 0
  const url = new URL(download.url)
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  const bytes = await new Promise<number>((resolve, reject) => {
    if (download.signal?.aborted === true) return reject(cancelled())
    const req = send(url, { method: 'GET', headers: { ...download.headers, ...(existing > 0 ? { range: `bytes=${existing}-` } : {}) } })
    const onAbort = () => {
      req.destroy()
      reject(cancelled())
    }
    download.signal?.addEventListener('abort', onAbort, { once: true })
    req.on('error', (error) => reject(download.signal?.aborted === true ? cancelled() : networkFailure(download.service, error)))
    req.on('response', (response) => {
      const status = response.statusCode ?? 0
      if (status !== 200 && status !== 206) {
        response.resume()
        return reject(httpFailure(download.service, status, undefined))
      }
      const resuming = status === 206 && existing > 0
      const start = resuming ? existing : 0
      const length = Number(response.headers['content-length'] ?? NaN)
      const total = Number.isFinite(length) ? start + length : undefined
      const out = createWriteStream(part, { flags: resuming ? 'a' : 'w', mode: 0o600 })
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
        out.end(() => {
          download.signal?.removeEventListener('abort', onAbort)
          if (total !== undefined && done !== total) reject(networkFailure(download.service, Object.assign(new Error('short read'), { code: 'ECONNRESET' })))
          else resolve(done)
        })
      )
      response.on('error', (error) => out.end(() => reject(download.signal?.aborted === true ? cancelled() : networkFailure(download.service, error))))
      response.on('aborted', () => out.end(() => reject(networkFailure(download.service, Object.assign(new Error('aborted'), { code: 'ECONNRESET' })))))
    })
    req.end()
  })
  await rename(part, download.target)
  return { bytes }
}

/** Removes an unfinished download (on cancel). */
export function discardPartial(target: string): Promise<void> {
  return rm(`${target}.part`, { force: true })
}

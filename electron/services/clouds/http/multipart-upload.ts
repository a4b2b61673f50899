import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { cancelled } from '../../../../shared/errors'
import { networkFailure } from './service-errors'

export interface MultipartUpload {
  service: string
  url: string
  headers?: Record<string, string>
  /** Sent verbatim, in this order, before the file. */
  fields: Array<[name: string, value: string]>
  file: { field: string; filename: string; contentType: string; path: string; size: number }
  signal?: AbortSignal
  onProgress?(bytesSent: number, bytesTotal: number): void
}

export interface UploadResponse {
  status: number
  headers: IncomingMessage['headers']
  text: string
}

function quoted(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r|\n/g, ' ')
}

/**
 * multipart/form-data streamed from disk with an exact Content-Length (never chunked, never
 * buffered whole): text parts in order, then the file last.
 */
export function uploadMultipart(upload: MultipartUpload): Promise<UploadResponse> {
  const boundary = `----ProfilePorter${randomBytes(12).toString('hex')}`
  const head = Buffer.from(
    upload.fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`).join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(upload.file.field)}"; filename="${quoted(upload.file.filename)}"\r\n` +
      `Content-Type: ${upload.file.contentType}\r\n\r\n`,
    'utf8'
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const length = head.length + upload.file.size + tail.length
  const url = new URL(upload.url)
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest

  return new Promise<UploadResponse>((resolve, reject) => {
    if (upload.signal?.aborted === true) return reject(cancelled())
    let settled = false
    const finish = (error: Error | undefined, response?: UploadResponse) => {
      if (settled) return
      settled = true
      upload.signal?.removeEventListener('abort', onAbort)
      if (error === undefined && response !== undefined) resolve(response)
      else reject(error)
    }
    const req = send(url, {
      method: 'POST',
      headers: { ...upload.headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(length) }
    })
    const file = createReadStream(upload.file.path, { highWaterMark: 256 * 1024 })
    const onAbort = () => {
      file.destroy()
      req.destroy()
      finish(cancelled())
    }
    upload.signal?.addEventListener('abort', onAbort, { once: true })

    // A service may answer before the body is done (a refusal); its answer wins over the broken pipe.
    req.on('response', (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => finish(undefined, { status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }))
      response.on('error', (error) => finish(networkFailure(upload.service, error)))
    })
    req.on('error', (error) => {
      file.destroy()
      setTimeout(() => finish(networkFailure(upload.service, error)), 50)
    })

    let sent = 0
    req.write(head)
    file.on('data', (chunk: Buffer | string) => {
      sent += chunk.length
      upload.onProgress?.(sent, upload.file.size)
      if (!req.write(chunk)) {
        file.pause()
        req.once('drain', () => file.resume())
      }
    })
    file.on('end', () => req.end(tail))
    file.on('error', (error) => {
      req.destroy()
      finish(error)
    })
  })
}

import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { cancelled } from '../../../../shared/errors'
import type { Network } from '../../net/network'
import { ChunkBuffers, sendFile } from './send-file'
import { networkFailure } from './service-errors'

export interface MultipartUpload {
  service: string
  network: Network
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

/** How long a connection error may precede the answer that explains it (a refusal, then a reset). */
const ANSWER_GRACE_MS = 250

/**
 * multipart/form-data streamed from disk with an exact Content-Length (never chunked, never
 * buffered whole): text parts in order, then the file last.
 *
 * A service may answer before the body is done: a refusal (expired policy, too large, bad
 * signature). That answer is the result: sending stops at once, the file is closed, the socket
 * is let go, and an error the early close causes afterwards is not a "connection lost".
 */
export async function uploadMultipart(upload: MultipartUpload): Promise<UploadResponse> {
  const boundary = `----ProfilePorter${randomBytes(12).toString('hex')}`
  const head = Buffer.from(
    upload.fields
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`)
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(upload.file.field)}"; filename="${quoted(upload.file.filename)}"\r\n` +
      `Content-Type: ${upload.file.contentType}\r\n\r\n`,
    'utf8'
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const length = head.length + upload.file.size + tail.length
  if (upload.signal?.aborted === true) throw cancelled()
  const req = await upload.network.request(new URL(upload.url), {
    method: 'POST',
    headers: { ...upload.headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(length) }
  })

  return new Promise<UploadResponse>((resolve, reject) => {
    const buffers = new ChunkBuffers()
    let settled = false
    let answering = false
    let lateError: ReturnType<typeof setTimeout> | undefined
    const finish = (error: Error | undefined, response?: UploadResponse) => {
      if (settled) return
      settled = true
      clearTimeout(lateError)
      upload.signal?.removeEventListener('abort', onAbort)
      buffers.stop()
      req.destroy()
      if (error === undefined && response !== undefined) resolve(response)
      else reject(error)
    }
    req.on('error', (error) => {
      buffers.stop()
      if (answering) return
      // A refusal and the reset that follows it can arrive together: the answer, if it comes, wins.
      lateError ??= setTimeout(() => finish(networkFailure(upload.service, error)), ANSWER_GRACE_MS)
    })
    const onAbort = () => finish(cancelled())
    if (upload.signal?.aborted === true) return onAbort()
    upload.signal?.addEventListener('abort', onAbort, { once: true })

    req.on('response', (response) => {
      answering = true
      clearTimeout(lateError)
      // Whatever is left of the file will not be read by the service: stop reading it now.
      buffers.stop()
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        finish(undefined, { status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') })
      )
      response.on('error', (error) => finish(networkFailure(upload.service, error)))
      response.on('aborted', () => finish(networkFailure(upload.service, Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))))
    })

    req.write(head)
    sendFile(req, upload, buffers).then(
      (complete) => {
        if (complete && !answering) req.end(tail)
      },
      (error: unknown) => finish(error as Error)
    )
  })
}

import { randomBytes } from 'node:crypto'
import { open } from 'node:fs/promises'
import type { ClientRequest, IncomingMessage } from 'node:http'
import { cancelled } from '../../../../shared/errors'
import type { Network } from '../../net/network'
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

const CHUNK_BYTES = 1024 * 1024
/** Chunks being read or sent at once: the next is read while the last is on its way. */
const CHUNKS = 3

/**
 * A few read buffers used round and round for one upload: a 1 GiB file no longer makes a thousand
 * buffers to map, fault in and drop (that, not the sending, was most of the client's CPU time). A
 * buffer is used again once the socket has taken its bytes.
 */
class ChunkBuffers {
  private readonly free: Buffer[] = []
  private readonly waiting: Array<(buffer: Buffer | undefined) => void> = []
  private made = 0
  stopped = false

  /** A buffer to read into, or undefined once the upload stopped. */
  take(): Promise<Buffer | undefined> {
    if (this.stopped) return Promise.resolve(undefined)
    const buffer = this.free.pop() ?? (this.made < CHUNKS ? (this.made++, Buffer.allocUnsafe(CHUNK_BYTES)) : undefined)
    return buffer !== undefined ? Promise.resolve(buffer) : new Promise((resolve) => this.waiting.push(resolve))
  }

  give(buffer: Buffer): void {
    const next = this.waiting.shift()
    if (next !== undefined) next(buffer)
    else this.free.push(buffer)
  }

  /** Nothing more will be read: whoever waits for a buffer is told so. */
  stop(): void {
    this.stopped = true
    for (const next of this.waiting.splice(0)) next(undefined)
  }
}

/** The file's bytes onto the request, reading the next chunk while the last is sent; true when all of it went. */
async function sendFile(req: ClientRequest, upload: MultipartUpload, buffers: ChunkBuffers): Promise<boolean> {
  const handle = await open(upload.file.path, 'r')
  try {
    const size = upload.file.size
    const read = async (position: number): Promise<{ buffer: Buffer; bytes: number } | undefined> => {
      const buffer = await buffers.take()
      if (buffer === undefined) return undefined
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK_BYTES, size - position), position)
      return { buffer, bytes: bytesRead }
    }
    let sent = 0
    let next = size > 0 ? read(0) : undefined
    while (next !== undefined) {
      const chunk = await next
      if (chunk === undefined || buffers.stopped) return false
      if (chunk.bytes === 0) break
      sent += chunk.bytes
      next = sent < size ? read(sent) : undefined
      upload.onProgress?.(sent, size)
      const flushed = req.write(chunk.buffer.subarray(0, chunk.bytes), () => buffers.give(chunk.buffer))
      if (!flushed) await drained(req, buffers)
    }
    return !buffers.stopped
  } finally {
    await handle.close()
  }
}

/** The request wants no more for now: wait until it does, or until the upload stopped. */
function drained(req: ClientRequest, buffers: ChunkBuffers): Promise<void> {
  if (buffers.stopped) return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      req.off('drain', done)
      req.off('close', done)
      resolve()
    }
    req.once('drain', done)
    req.once('close', done)
  })
}

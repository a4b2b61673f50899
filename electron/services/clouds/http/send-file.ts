import { open } from 'node:fs/promises'
import type { ClientRequest } from 'node:http'
import { untilDrained } from '../../fs/until-drained'

const CHUNK_BYTES = 1024 * 1024
/** Chunks being read or sent at once: the next is read while the last is on its way. */
const CHUNKS = 3

/**
 * A few read buffers used round and round for one upload: a 1 GiB file no longer makes a thousand
 * buffers to map, fault in and drop (that, not the sending, was most of the client's CPU time). A
 * buffer is used again once the socket has taken its bytes.
 */
export class ChunkBuffers {
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
export async function sendFile(
  req: ClientRequest,
  upload: { file: { path: string; size: number }; onProgress?(bytesSent: number, bytesTotal: number): void },
  buffers: ChunkBuffers
): Promise<boolean> {
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
  return buffers.stopped ? Promise.resolve() : untilDrained(req, 'close')
}

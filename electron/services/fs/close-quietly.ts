import type { WriteStream } from 'node:fs'

/**
 * Ends a file stream and waits until it is closed. Destroying it with a write in flight makes Node
 * throw when that write returns; removing the file before it closes lets it reappear.
 */
export function closeQuietly(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.closed) return resolve()
    stream.once('close', () => resolve())
    stream.once('error', () => resolve())
    stream.end()
  })
}

import type { FileHandle } from 'node:fs/promises'

/**
 * All of `data` into the file, at `position` or where the file stands: a write may take fewer
 * bytes than it was given (a signal, a nearly full disk), and the rest must follow.
 */
export async function writeAll(handle: FileHandle, data: Buffer, position?: number): Promise<void> {
  for (let done = 0; done < data.length;)
    done += (await handle.write(data, done, data.length - done, position === undefined ? null : position + done)).bytesWritten
}

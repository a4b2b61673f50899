import { copyFile, rename, rm, stat } from 'node:fs/promises'
import { describeFileError } from '../fs/plain-file-error'

/**
 * Moves a finished download from the app's work folder to the file the person chose: a rename on
 * the same disk; across disks a copy beside the target, renamed over it only once whole, so a
 * failure (a full disk) leaves the person's folder as it was and says why in words.
 */
export async function moveIntoPlace(working: string, target: string): Promise<void> {
  try {
    await rename(working, target)
    return
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw (await describeFileError(error, { path: target })) ?? error
  }
  const beside = `${target}.part`
  try {
    await copyFile(working, beside)
    await rename(beside, target)
    await rm(working, { force: true })
  } catch (error) {
    await rm(beside, { force: true }).catch(() => undefined)
    const bytesNeeded = (await stat(working).catch(() => undefined))?.size
    throw (await describeFileError(error, { path: target, ...(bytesNeeded === undefined ? {} : { bytesNeeded }) })) ?? error
  }
}

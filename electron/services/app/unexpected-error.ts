import { randomBytes } from 'node:crypto'
import type { PorterErrorData } from '../../../shared/error-data'
import { plainFileError } from '../fs/plain-file-error'

/**
 * A failure no code path expected. One the file system explains (a full disk, a missing folder) is
 * said in its plain words; anything else is a bug: the person gets a short error number, and the
 * log gets the same number beside the details, so the two can be matched.
 */
export function explainUnexpected(error: unknown, log: (message: string, error: unknown) => void): PorterErrorData {
  const plain = plainFileError(error)
  if (plain !== undefined) return plain.toData()
  const id = randomBytes(3).toString('hex').toUpperCase()
  log(`Unexpected failure, error ${id}:`, error)
  return {
    code: 'internal',
    message: `Something went wrong inside Profile Porter (error ${id}).`,
    action: 'Try again. If it keeps happening, restart the app, and quote the error number when you ask for help.'
  }
}

import { stat, statfs } from 'node:fs/promises'
import { dirname } from 'node:path'
import { PorterError } from '../../../shared/errors'
import { formatBytes } from '../../../shared/format'

export interface FileErrorContext {
  /** The file being written (or read), when the error itself does not say or says it less plainly. */
  path?: string
  /** Reading a file, rather than writing one (the default). */
  reading?: boolean
  /** For a full disk: where the disk is mounted, what the work needed and what was free. */
  mount?: string
  bytesNeeded?: number
  bytesFree?: number
}

function errnoOf(error: unknown): NodeJS.ErrnoException | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  if (typeof (error as NodeJS.ErrnoException).code === 'string') return error as NodeJS.ErrnoException
  return errnoOf((error as { cause?: unknown }).cause)
}

/**
 * What a failed file operation means for the person, with a next step, from the OS's error code.
 * Undefined when the error is not a file-system one (then it is a bug, and said to be one).
 */
export function plainFileError(error: unknown, context: FileErrorContext = {}): PorterError | undefined {
  const errno = errnoOf(error)
  const path = context.path ?? errno?.path ?? 'the folder'
  const folder = context.path === undefined ? path : dirname(context.path)
  const plain = (message: string, action: string, retryable = false) =>
    new PorterError({ code: 'invalid_input', message, action, retryable }, { cause: error })
  switch (errno?.code) {
    case 'ENOSPC': {
      const numbers =
        context.bytesNeeded !== undefined && context.bytesFree !== undefined
          ? `: ${formatBytes(context.bytesNeeded)} needed, ${formatBytes(context.bytesFree)} free`
          : context.bytesFree !== undefined
            ? ` (${formatBytes(context.bytesFree)} free)`
            : ''
      const where = context.mount !== undefined && context.mount !== path ? `${path} (on ${context.mount})` : path
      return plain(`The disk is full: ${where}${numbers}.`, 'Free up some space, or choose another disk, then try again.')
    }
    case 'EDQUOT':
      return plain(`Your disk quota on ${context.mount ?? path} is used up.`, 'Free up some space, then try again.')
    case 'EACCES':
    case 'EPERM':
      return context.reading === true
        ? plain(`Profile Porter is not allowed to read ${path}.`, 'Check the permissions of the profile folder, then try again.')
        : plain(
            `Profile Porter is not allowed to write to ${folder}.`,
            'Choose a folder you can write to, such as Downloads, or change its permissions.'
          )
    case 'ENOENT':
      return context.reading === true
        ? plain(`${path} is missing.`, 'Check that the browser profile is still there, then try again.')
        : plain(`The folder ${folder} does not exist.`, 'Choose an existing folder, or create it first.')
    case 'ENOTDIR':
      return plain(`${folder} is not a folder.`, 'Choose a folder to save into.')
    case 'EISDIR':
      return plain(`${path} is a folder, not a file.`, 'Choose a file name inside it.')
    case 'EEXIST':
      return plain(`${path} already exists.`, 'Choose another name, or remove the old one first.')
    case 'EROFS':
      return plain(`${path} is on a disk that cannot be written to.`, 'Choose a folder on another disk.')
    case 'EMFILE':
    case 'ENFILE':
      return plain('Too many files are open on this computer right now.', 'Close some programs, then try again.', true)
    case 'EBUSY':
      return plain(`${path} is in use by another program.`, 'Close the program using it, then try again.', true)
    case 'EIO':
      return plain(`The disk holding ${path} could not be read or written.`, 'Check the disk (or reconnect it), then try again.', true)
    default:
      return undefined
  }
}

/** Where the disk holding `folder` is mounted: the highest folder above it on the same device. */
async function mountPoint(folder: string): Promise<string> {
  const device = (await stat(folder).catch(() => undefined))?.dev
  if (device === undefined) return folder
  let current = folder
  for (;;) {
    const parent = dirname(current)
    if (parent === current || (await stat(parent).catch(() => undefined))?.dev !== device) return current
    current = parent
  }
}

/**
 * plainFileError, with the numbers a full disk calls for ("The disk is full: /home/ada (on /home): 1.2 GB
 * needed, 300 MB free"), looked up at the moment of the failure. Undefined for errors that are not
 * the file system's.
 */
export async function describeFileError(error: unknown, context: { path: string; bytesNeeded?: number }): Promise<PorterError | undefined> {
  if (errnoOf(error)?.code !== 'ENOSPC') return plainFileError(error, { path: context.path })
  const folder = dirname(context.path)
  const free = await statfs(folder).then(
    (stats) => stats.bavail * stats.bsize,
    () => undefined
  )
  return plainFileError(error, {
    path: folder,
    mount: await mountPoint(folder),
    ...(context.bytesNeeded === undefined ? {} : { bytesNeeded: context.bytesNeeded }),
    ...(free === undefined ? {} : { bytesFree: free })
  })
}

import { PorterError } from '../../shared/errors'
import { plainFileError } from '../services/fs/plain-file-error'

/** The one dialog shown when the app cannot start: the cause in plain words, and what to try. */
export function startupFailureText(error: unknown): string {
  const plain = error instanceof PorterError ? error : plainFileError(error)
  if (plain !== undefined) return [plain.message, plain.action].filter(Boolean).join(' ')
  const detail = error instanceof Error ? error.message : String(error)
  return `Something unexpected stopped Profile Porter while starting (${detail}). Start it again; if this keeps happening, reinstall the app.`
}

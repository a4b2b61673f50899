import { PorterError } from '../../../../shared/errors'
import { formatBytes } from '../../../../shared/format'

export function unsafeArchive(detail: string): PorterError {
  return new PorterError({
    code: 'invalid_input',
    message: `This archive cannot be opened safely: ${detail}.`,
    action: 'Nothing was written. Use an archive made by Profile Porter or by the service itself.'
  })
}

/**
 * A `/`-separated path that stays inside the target folder, or a refusal: no absolute paths,
 * drive letters, `..` segments or NUL bytes. Backslashes count as separators, so `..\x` is caught.
 * `.` and `./` (what `tar -C dir -czf x .` writes first) name the folder itself: ''.
 */
export function safeEntryPath(name: string): string {
  if (name.includes('\0')) throw unsafeArchive(`an entry name holds a NUL byte`)
  if (/^[a-zA-Z]:/.test(name) || name.startsWith('/') || name.startsWith('\\')) {
    throw unsafeArchive(`"${name}" is an absolute path`)
  }
  const segments = name.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.')
  if (segments.includes('..')) throw unsafeArchive(`"${name}" points outside the folder`)
  return segments.join('/')
}

export interface ExtractLimits {
  maxBytes: number
  maxEntries: number
}

/** Counts entries and bytes against the caps, so a bomb stops at the limit, whatever its headers say. */
export class ExtractBudget {
  private bytes = 0
  private entries = 0

  constructor(private readonly limits: ExtractLimits) {}

  /** The same caps, counted afresh: for the pass that writes, after the one that only read the headers. */
  fresh(): ExtractBudget {
    return new ExtractBudget(this.limits)
  }

  entry(more = 0): void {
    this.entries += 1 + more
    if (this.entries > this.limits.maxEntries)
      throw unsafeArchive(`it holds more than ${this.limits.maxEntries.toLocaleString('en')} entries`)
  }

  /** Bytes a header says an entry holds. */
  declare(bytes: number): void {
    this.add(bytes)
  }

  /** Bytes really unpacked. */
  add(bytes: number): void {
    this.bytes += bytes
    if (this.bytes > this.limits.maxBytes) throw unsafeArchive(`it unpacks to more than ${formatBytes(this.limits.maxBytes)}`)
  }
}

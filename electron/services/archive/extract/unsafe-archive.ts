import { PorterError } from '../../../../shared/errors'

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
 */
export function safeEntryPath(name: string): string {
  if (name.includes('\0')) throw unsafeArchive(`an entry name holds a NUL byte`)
  if (/^[a-zA-Z]:/.test(name) || name.startsWith('/') || name.startsWith('\\')) {
    throw unsafeArchive(`"${name}" is an absolute path`)
  }
  const segments = name.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.')
  if (segments.includes('..')) throw unsafeArchive(`"${name}" points outside the folder`)
  if (segments.length === 0) throw unsafeArchive('an entry has no name')
  return segments.join('/')
}

export interface ExtractLimits {
  maxBytes: number
  maxEntries: number
}

/** Counts what has been written against the caps, so a bomb stops at the limit. */
export class ExtractBudget {
  private bytes = 0
  private entries = 0

  constructor(private readonly limits: ExtractLimits) {}

  entry(): void {
    this.entries += 1
    if (this.entries > this.limits.maxEntries) throw unsafeArchive(`it holds more than ${this.limits.maxEntries} entries`)
  }

  add(bytes: number): void {
    this.bytes += bytes
    if (this.bytes > this.limits.maxBytes) throw unsafeArchive(`it unpacks to more than ${Math.round(this.limits.maxBytes / 1024 / 1024)} MB`)
  }
}

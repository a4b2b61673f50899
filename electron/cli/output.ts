import { PorterError } from '../../shared/errors'
import { formatBytes } from '../../shared/format'
import { inTerminal } from './terminal-words'

export interface Output {
  json: boolean
  print(text: string): void
  document(value: unknown): void
}

export function createOutput(json: boolean, stdout: NodeJS.WritableStream = process.stdout): Output {
  return {
    json,
    print: (text) => void (json || stdout.write(`${text}\n`)),
    document: (value) => void stdout.write(`${JSON.stringify(value, null, 2)}\n`)
  }
}

/**
 * Text that came from a service or a file, safe to print: control characters (which could clear
 * the screen, move the cursor or break a table) shown as escapes.
 */
export function shown(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** A plain table: columns padded to their widest cell, every cell printable. */
export function table(headers: string[], cells: string[][]): string {
  const rows = cells.map((row) => row.map(shown))
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(headers), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join('\n')
}

export const size = (bytes: number | undefined) => (bytes === undefined ? '—' : formatBytes(bytes))

/** Errors go to stderr as the same plain cause and next step the window shows. */
export function explain(error: unknown): string {
  // A cancel is what the person asked for, not an error.
  if (error instanceof PorterError)
    return inTerminal([error.code === 'cancelled' ? error.message : `Error: ${error.message}`, error.action].filter(Boolean).join('\n'))
  return `Error: ${error instanceof Error ? error.message : String(error)}`
}

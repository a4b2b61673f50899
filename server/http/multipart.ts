interface FilePart {
  name: string
  filename: string
  contentType: string | undefined
}

interface FileSink {
  write(chunk: Buffer): Promise<void>
}

export interface MultipartResult {
  /** Text fields before the file, in the order sent. */
  fields: Array<[name: string, value: string]>
  file: (FilePart & { size: number }) | undefined
  /** Names of parts after the file: S3 ignores them, and so does anyone following its rules. */
  ignoredAfterFile: string[]
}

export class MultipartError extends Error {
  constructor(
    readonly reason: 'malformed' | 'pre-data-too-long',
    message: string
  ) {
    super(message)
  }
}

export interface MultipartOptions {
  /** Bytes of form data and boundaries allowed before the file's content starts (S3: 20 KB). */
  maxPreDataBytes: number
  /** Called once the file's headers are read; returns where its bytes go. */
  openFile(part: FilePart, fieldsSoFar: MultipartResult['fields']): Promise<FileSink>
}

type State = 'opening' | 'boundary-tail' | 'headers' | 'field' | 'file' | 'skip' | 'done'

const HEADER_END = Buffer.from('\r\n\r\n')

export function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /^multipart\/form-data;.*\bboundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '')
  return match?.[1] ?? match?.[2]
}

function parsePartHeaders(block: string): { name: string; filename: string | undefined; contentType: string | undefined } {
  let name: string | undefined
  let filename: string | undefined
  let contentType: string | undefined
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':')
    const key = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    if (key === 'content-disposition') {
      name = /\bname="([^"]*)"/i.exec(value)?.[1]
      filename = /\bfilename="([^"]*)"/i.exec(value)?.[1]
    } else if (key === 'content-type') {
      contentType = value
    }
  }
  if (name === undefined) throw new MultipartError('malformed', 'A form part has no name.')
  return { name, filename, contentType }
}

/**
 * Reads multipart/form-data as it streams. Fields before the file are buffered (bounded by
 * maxPreDataBytes); the file goes to its sink chunk by chunk, awaiting each write so the request is
 * paused while the disk catches up; parts after the file are read and ignored, as S3 POST does.
 */
export async function readMultipart(body: AsyncIterable<Buffer>, boundary: string, options: MultipartOptions): Promise<MultipartResult> {
  const opening = Buffer.from(`--${boundary}`)
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  const result: MultipartResult = { fields: [], file: undefined, ignoredAfterFile: [] }
  let state: State = 'opening'
  let buffer: Buffer = Buffer.alloc(0)
  let preData = 0
  let fieldName = ''
  let sink: FileSink | undefined

  const take = (length: number): Buffer => {
    const head = buffer.subarray(0, length)
    buffer = buffer.subarray(length)
    if (result.file === undefined) preData += length
    return head
  }

  /** Runs one transition; false when it needs more bytes. */
  const step = async (): Promise<boolean> => {
    switch (state) {
      case 'opening': {
        if (buffer.length < opening.length) return false
        if (!buffer.subarray(0, opening.length).equals(opening)) {
          throw new MultipartError('malformed', 'The form does not start with its boundary.')
        }
        take(opening.length)
        state = 'boundary-tail'
        return true
      }
      case 'boundary-tail': {
        if (buffer.length < 2) return false
        const tail = take(2).toString('latin1')
        if (tail === '--') state = 'done'
        else if (tail === '\r\n') state = 'headers'
        else throw new MultipartError('malformed', 'A form boundary is followed by unexpected bytes.')
        return true
      }
      case 'headers': {
        const end = buffer.indexOf(HEADER_END)
        if (end < 0) return false
        const headers = parsePartHeaders(take(end).toString('utf8'))
        take(HEADER_END.length)
        if (result.file !== undefined) {
          result.ignoredAfterFile.push(headers.name)
          state = 'skip'
        } else if (headers.filename !== undefined) {
          if (preData > options.maxPreDataBytes) {
            throw new MultipartError('pre-data-too-long', 'Too much form data before the file.')
          }
          const part: FilePart = { name: headers.name, filename: headers.filename, contentType: headers.contentType }
          sink = await options.openFile(part, result.fields)
          result.file = { ...part, size: 0 }
          state = 'file'
        } else {
          fieldName = headers.name
          state = 'field'
        }
        return true
      }
      case 'field': {
        const end = buffer.indexOf(delimiter)
        if (end < 0) return false
        result.fields.push([fieldName, take(end).toString('utf8')])
        take(delimiter.length)
        state = 'boundary-tail'
        return true
      }
      case 'file':
      case 'skip': {
        const end = buffer.indexOf(delimiter)
        // Keep back what could be the start of a delimiter split across chunks.
        const ready = end >= 0 ? end : Math.max(0, buffer.length - delimiter.length + 1)
        if (ready > 0) {
          const chunk = take(ready)
          if (state === 'file' && result.file !== undefined && sink !== undefined) {
            result.file.size += chunk.length
            await sink.write(chunk)
          }
        }
        if (end < 0) return false
        take(delimiter.length)
        state = 'boundary-tail'
        return true
      }
      case 'done':
        buffer = Buffer.alloc(0)
        return false
    }
  }

  for await (const chunk of body) {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk])
    while (await step()) {
      /* transitions run until one needs more bytes */
    }
    if (result.file === undefined && preData + buffer.length > options.maxPreDataBytes) {
      throw new MultipartError('pre-data-too-long', 'Too much form data before the file.')
    }
  }
  if ((state as State) !== 'done') throw new MultipartError('malformed', 'The form ended before its closing boundary.')
  return result
}

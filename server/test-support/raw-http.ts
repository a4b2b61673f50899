import { request } from 'node:http'
import { Readable } from 'node:stream'

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
  text: string
  json: <T = unknown>() => T
}

export interface RawRequest {
  headers?: Record<string, string | number>
  body?: Buffer | string | Readable
  /** Send the body with Transfer-Encoding: chunked instead of a Content-Length. */
  chunked?: boolean
}

/**
 * Plain node:http, on purpose: the contract suite checks the twins as any client would meet them,
 * not through the app's own clients.
 */
export function raw(method: string, url: string, options: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...options.headers }
    const body = options.body
    if (body !== undefined && !(body instanceof Readable) && !options.chunked) {
      headers['content-length'] = Buffer.byteLength(body)
    }
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const all = Buffer.concat(chunks)
        const text = all.toString('utf8')
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: all, text, json: <T>() => JSON.parse(text) as T })
      })
      res.on('error', reject)
    })
    // A server may answer early and close (a refusal mid-upload); the answer is what counts.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error)
    })
    if (body instanceof Readable) body.pipe(req)
    else if (body !== undefined && options.chunked) {
      req.setHeader('transfer-encoding', 'chunked')
      req.end(body)
    } else req.end(body)
  })
}

export interface FormFile {
  name?: string
  filename?: string
  contentType?: string
  data: Buffer
}

/** A multipart/form-data body built by hand, so tests control field order and file placement. */
export function form(
  fields: Array<[string, string]>,
  file: FormFile | undefined,
  options: { fileAt?: number } = {}
): { body: Buffer; contentType: string } {
  const boundary = `----porter-test-${Math.random().toString(16).slice(2)}`
  const parts: Buffer[] = fields.map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
  )
  if (file !== undefined) {
    const header = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.name ?? 'file'}"; filename="${file.filename ?? 'profile.zip'}"\r\n` +
        `Content-Type: ${file.contentType ?? 'application/zip'}\r\n\r\n`
    )
    parts.splice(options.fileAt ?? parts.length, 0, Buffer.concat([header, file.data, Buffer.from('\r\n')]))
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** A tiny but real zip (one stored entry) and a real gzip stream, for tests that need valid archives. */
export function tinyZip(): Buffer {
  const name = Buffer.from('Local State')
  const data = Buffer.from('{}')
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4)
  local.writeUInt32LE(crc32(data), 14)
  local.writeUInt32LE(data.length, 18)
  local.writeUInt32LE(data.length, 22)
  local.writeUInt16LE(name.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(20, 4)
  central.writeUInt16LE(20, 6)
  central.writeUInt32LE(crc32(data), 16)
  central.writeUInt32LE(data.length, 20)
  central.writeUInt32LE(data.length, 24)
  central.writeUInt16LE(name.length, 28)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(46 + name.length, 12)
  end.writeUInt32LE(30 + name.length + data.length, 16)
  return Buffer.concat([local, name, data, central, name, end])
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff
  for (const byte of data) {
    crc ^= byte
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return (crc ^ 0xffffffff) >>> 0
}

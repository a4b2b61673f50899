import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers
  })
  response.end(text)
}

export function sendEmpty(response: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  response.writeHead(status, headers)
  response.end()
}

export function sendXml(response: ServerResponse, status: number, xml: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml), ...headers })
  response.end(xml)
}

/**
 * Replies before the body has been read (a refusal mid-upload) the way object storage does: the
 * answer goes out with `Connection: close`, the server stops reading, and closes its side
 * gracefully. The client, still sending, is not reset: it reads the answer and stops. A client that
 * keeps on is cut off after a while.
 */
export function refuseAndClose(response: ServerResponse, status: number, contentType: string, body: string): void {
  // The request stream may be gone already (reading it stopped with the refusal); its socket is the response's.
  const socket = response.socket
  if (socket === null) return
  socket.pause()
  const text = Buffer.from(body)
  socket.write(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\ncontent-type: ${contentType}\r\ncontent-length: ${text.length}\r\nconnection: close\r\n\r\n`
  )
  socket.end(text)
  socket.setTimeout(30_000, () => socket.destroy())
}

class BodyError extends Error {}

/** Reads a small body (JSON requests), refusing anything larger than the limit. */
export async function readSmallBody(request: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new BodyError('Request body too large.')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function bearerToken(request: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')
  return match?.[1]?.trim()
}

import type { IncomingMessage, ServerResponse } from 'node:http'

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
 * Replies before the body has been read (a refusal mid-upload), then closes the connection so the
 * rest of a large body is not read.
 */
export function refuseAndClose(request: IncomingMessage, response: ServerResponse, send: (headers: Record<string, string>) => void): void {
  send({ connection: 'close' })
  response.on('finish', () => request.destroy())
}

export class BodyError extends Error {}

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

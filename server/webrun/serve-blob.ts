import { createReadStream } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendXml } from '../http/respond'
import type { ObjectStore } from '../storage/object-store'
import { S3Error } from '../storage/s3-error'
import { BLOB_BUCKET } from './records'
import { BLOB_PATH, checkBlobUrl } from './signed-url'

/** The signed download URL: the tar.gz with Content-Length and single-range support. */
export function serveBlob(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  options: { objects: ObjectStore; secret: string; now: number }
): void {
  const verdict = checkBlobUrl(url, options.secret, options.now)
  if (verdict !== 'ok') {
    const error =
      verdict === 'expired'
        ? new S3Error(403, 'AccessDenied', 'Request has expired')
        : new S3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')
    return sendXml(response, error.status, error.toXml())
  }
  const key = decodeURIComponent(url.pathname.slice(BLOB_PATH.length))
  const object = options.objects.head(BLOB_BUCKET, key)
  if (object === undefined) {
    const error = new S3Error(404, 'NoSuchKey', 'The specified key does not exist.')
    return sendXml(response, error.status, error.toXml())
  }
  const headers = { 'content-type': 'application/gzip', 'accept-ranges': 'bytes', etag: `"${object.md5}"` }
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '')
  let start = 0
  let end = object.size - 1
  if (range !== null) {
    start = range[1] === '' ? object.size - Number(range[2]) : Number(range[1])
    end = range[1] !== '' && range[2] !== '' ? Math.min(Number(range[2]), object.size - 1) : end
    if (start < 0 || start > end || start >= object.size) {
      response.writeHead(416, { 'content-range': `bytes */${object.size}` })
      return void response.end()
    }
    response.writeHead(206, { ...headers, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${object.size}` })
  } else {
    response.writeHead(200, { ...headers, 'content-length': object.size })
  }
  if (request.method === 'HEAD' || object.size === 0) return void response.end()
  createReadStream(options.objects.pathOf(BLOB_BUCKET, key), { start, end }).pipe(response)
}

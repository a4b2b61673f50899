import type { IncomingMessage, ServerResponse } from 'node:http'
import { MultipartError, boundaryOf, readMultipart } from '../http/multipart'
import { refuseAndClose, sendEmpty, sendXml } from '../http/respond'
import type { ObjectStore, ObjectWriter } from './object-store'
import { verifyPost } from './policy'
import { S3Error } from './s3-error'

const MAX_PRE_DATA_BYTES = 20 * 1024

export interface PostObjectOptions {
  objects: ObjectStore
  secret: () => string
  now: () => Date
  /**
   * The twin's own strictness beyond S3: the fields a form was issued with, in order. A client that
   * reorders them fails, so nobody comes to depend on a storage that happens to accept it.
   */
  issuedFieldOrder(key: string): string[] | undefined
}

/** S3 POST Object (browser-based upload with a presigned policy) for one bucket. */
export async function handlePostObject(
  request: IncomingMessage,
  response: ServerResponse,
  bucket: string,
  options: PostObjectOptions
): Promise<void> {
  let writer: ObjectWriter | undefined
  try {
    if (request.headers['content-length'] === undefined) {
      throw new S3Error(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.')
    }
    const boundary = boundaryOf(request.headers['content-type'])
    if (boundary === undefined) {
      throw new S3Error(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.')
    }
    let range = { min: 0, max: 0 }
    const form = await readMultipart(request as AsyncIterable<Buffer>, boundary, {
      maxPreDataBytes: MAX_PRE_DATA_BYTES,
      openFile: async (part, fields) => {
        if (part.name.toLowerCase() !== 'file') {
          throw new S3Error(400, 'InvalidArgument', "POST requires exactly one file upload per request, in a field named 'file'.")
        }
        range = verifyPost(new Map(fields), bucket, options.secret(), options.now())
        const values = new Map(fields.map(([name, value]) => [name.toLowerCase(), value]))
        const key = values.get('key') ?? ''
        const issued = options.issuedFieldOrder(key)
        const sameOrder = (names: string[]) => names.map((name) => name.toLowerCase()).join('\n')
        if (issued !== undefined && sameOrder(fields.map(([name]) => name)) !== sameOrder(issued)) {
          throw new S3Error(
            400,
            'InvalidArgument',
            'The form fields must be sent exactly as issued, in the same order, with the file last.'
          )
        }
        const opened = await options.objects.writer(bucket, key, values.get('content-type'))
        writer = opened
        return {
          write: async (chunk) => {
            if (opened.size() + chunk.length > range.max) {
              throw new S3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
                ProposedSize: opened.size() + chunk.length,
                MaxSizeAllowed: range.max
              })
            }
            await opened.write(chunk)
          }
        }
      }
    })
    if (form.file === undefined || writer === undefined) {
      throw new S3Error(400, 'InvalidArgument', "POST requires exactly one file upload per request, in a field named 'file'.")
    }
    if (form.file.size < range.min) {
      throw new S3Error(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
        ProposedSize: form.file.size,
        MinSizeAllowed: range.min
      })
    }
    const stored = await writer.commit()
    writer = undefined
    sendEmpty(response, 204, { etag: `"${stored.md5}"`, location: `/${bucket}/${stored.key}` })
  } catch (error) {
    await writer?.abort()
    const s3 =
      error instanceof S3Error
        ? error
        : error instanceof MultipartError && error.reason === 'pre-data-too-long'
          ? new S3Error(400, 'MaxPostPreDataLengthExceeded', 'Your POST request fields preceeding the upload file was too large.', {
              MaxPostPreDataLengthBytes: MAX_PRE_DATA_BYTES
            })
          : error instanceof MultipartError
            ? new S3Error(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.')
            : null
    if (s3 === null) throw error
    if (request.readableEnded) sendXml(response, s3.status, s3.toXml())
    else refuseAndClose(response, s3.status, 'application/xml', s3.toXml())
  }
}

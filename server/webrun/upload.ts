import type { IncomingMessage, ServerResponse } from 'node:http'
import { MultipartError, boundaryOf, readMultipart } from '../http/multipart'
import { refuseAndClose, sendJson } from '../http/respond'
import type { ObjectStore, ObjectWriter } from '../storage/object-store'
import { BLOB_BUCKET, blobKey, publicProfile, type WebrunProfile } from './records'

class UploadRefused extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b])

/**
 * Replaces a profile's data with a streamed tar.gz from the multipart field `file`. The profile is
 * `uploading` while bytes arrive; a refused upload (not gzip, over 500 MB) leaves the old data intact.
 */
export async function handleUpload(
  request: IncomingMessage,
  response: ServerResponse,
  profile: WebrunProfile,
  options: { objects: ObjectStore; save: () => Promise<void>; isoNow: () => string; maxBytes: number }
): Promise<void> {
  const previousStatus = profile.status
  let writer: ObjectWriter | undefined
  try {
    const boundary = boundaryOf(request.headers['content-type'])
    if (boundary === undefined) throw new UploadRefused(400, 'No file provided')
    let head = Buffer.alloc(0)
    const form = await readMultipart(request as AsyncIterable<Buffer>, boundary, {
      maxPreDataBytes: 1024 * 1024,
      openFile: async (part) => {
        if (part.name !== 'file') throw new UploadRefused(400, 'Unexpected field')
        writer = await options.objects.writer(BLOB_BUCKET, `${blobKey(profile)}.incoming`, 'application/gzip')
        profile.status = 'uploading'
        await options.save()
        const opened = writer
        return {
          write: async (chunk) => {
            if (head.length < 2) {
              head = Buffer.concat([head, chunk.subarray(0, 2 - head.length)])
              if (head.length === 2 && !head.equals(GZIP_MAGIC)) throw new UploadRefused(400, 'Only .tar.gz files are allowed')
            }
            if (opened.size() + chunk.length > options.maxBytes) {
              throw new UploadRefused(413, 'File too large. Maximum size is 500MB')
            }
            await opened.write(chunk)
          }
        }
      }
    })
    if (form.file === undefined || writer === undefined) throw new UploadRefused(400, 'No file provided')
    if (!head.equals(GZIP_MAGIC)) throw new UploadRefused(400, 'Only .tar.gz files are allowed')
    await writer.commit()
    writer = undefined
    await options.objects.move(BLOB_BUCKET, `${blobKey(profile)}.incoming`, blobKey(profile))
    const now = options.isoNow()
    Object.assign(profile, { status: 'ready', blobSize: form.file.size, blobUploadedAt: now, updatedAt: now })
    await options.save()
    sendJson(response, 200, { success: true, message: 'Profile data uploaded successfully', profile: publicProfile(profile) })
  } catch (error) {
    await writer?.abort()
    profile.status = previousStatus
    await options.save()
    const refusal =
      error instanceof UploadRefused ? error : error instanceof MultipartError ? new UploadRefused(400, 'No file provided') : null
    if (refusal === null) throw error
    const body = { success: false, error: refusal.message }
    if (request.readableEnded) sendJson(response, refusal.status, body)
    else refuseAndClose(response, refusal.status, 'application/json', JSON.stringify(body))
  }
}

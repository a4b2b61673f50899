import { readFileSync } from 'node:fs'
import { uploadMultipart } from '../electron/services/clouds/http/multipart-upload'
import { directNetwork } from '../test/support/direct-network'
import { watchLoopStalls } from './loop-stall'

/** One presigned upload with our client, in its own process so its memory and its event loop are its own. */
async function main(): Promise<void> {
  const [file, size, initiatedJson] = process.argv.slice(2) as [string, string, string]
  const initiated = JSON.parse(initiatedJson) as { upload_url: string; upload_fields: Record<string, string> }
  const start = performance.now()
  const stalls = watchLoopStalls()
  const response = await uploadMultipart({
    service: 'bench',
    network: directNetwork(),
    url: initiated.upload_url,
    fields: Object.entries(initiated.upload_fields),
    file: { field: 'file', filename: 'profile.zip', contentType: 'application/zip', path: file, size: Number(size) },
    // As the job does: every chunk reports, the window hears it at most ten times a second.
    onProgress: () => undefined
  })
  const ms = performance.now() - start
  const { stallMs, busyMs } = stalls()
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1])
  console.log(JSON.stringify({ status: response.status, ms, stallMs, busyMs, peakMb: peakKb / 1024 }))
}

void main()

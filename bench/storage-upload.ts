import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { join } from 'node:path'
import { report } from './report'
import { peakRssMb, startNode } from './child-process'

const GIB = 1024 * 1024 * 1024

/**
 * Streams a 1 GiB file to the reference cloud's storage endpoint (a real presigned POST) and
 * reports the server's peak RSS: the storage must stay flat whatever the upload's size.
 */
export async function benchStorageUpload(): Promise<void> {
  const { child, match } = await startNode(join(__dirname, '../server/cli.ts'), ['--port', '0'], /reference cloud listening on (\S+)/)
  try {
    const base = match[1] ?? ''
    const initiated = (await (
      await fetch(`${base}/api/v2/browser-profiles/initiate-upload`, { method: 'POST', headers: { authorization: 'Bearer hk-local-dev' } })
    ).json()) as { upload_url: string; upload_fields: Record<string, string> }

    const boundary = '----porter-bench'
    const head = Buffer.from(
      Object.entries(initiated.upload_fields)
        .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
        .join('') +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="profile.zip"\r\nContent-Type: application/zip\r\n\r\n`
    )
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
    const idle = peakRssMb(child.pid ?? 0)
    const block = randomBytes(1024 * 1024)
    const started = process.hrtime.bigint()
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(initiated.upload_url, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + GIB + tail.length }
      })
      req.on('response', (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      let sent = 0
      const pump = () => {
        while (sent < GIB) {
          sent += block.length
          if (!req.write(block)) return void req.once('drain', pump)
        }
        req.end(tail)
      }
      req.write(head)
      pump()
    })
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    if (status !== 204) throw new Error(`storage answered ${status}`)
    report('storage_upload_1gib_throughput', GIB / 1024 / 1024 / seconds, 'MB/s')
    report('storage_upload_server_rss_before', idle, 'MB')
    report('storage_upload_1gib_server_peak_rss', peakRssMb(child.pid ?? 0), 'MB')
  } finally {
    child.kill('SIGTERM')
  }
}

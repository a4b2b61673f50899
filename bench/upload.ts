import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import { peakRssMb, startNode } from './child-process'
import { report } from './report'

const run = promisify(execFile)
const MB = 1024 * 1024

async function initiate(base: string): Promise<{ upload_url: string; upload_fields: Record<string, string> }> {
  const response = await fetch(`${base}/api/v2/browser-profiles/initiate-upload`, {
    method: 'POST',
    headers: { authorization: 'Bearer hk-local-dev' }
  })
  return (await response.json()) as { upload_url: string; upload_fields: Record<string, string> }
}

async function randomFile(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path)
  const block = randomBytes(MB)
  for (let written = 0; written < bytes; written += MB)
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  await new Promise<void>((resolve) => out.end(() => resolve()))
}

/** Our streamed multipart upload against curl posting the same file to the same presigned target. */
export async function benchUpload(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'porter-bench-upload-'))
  const { child: server, match } = await startNode(join(__dirname, '../server/cli.ts'), ['--port', '0'], /listening on (\S+)/)
  try {
    const base = match[1] ?? ''
    const child = join(work, 'upload-child.cjs')
    await build({
      entryPoints: [join(__dirname, 'upload-child.ts')],
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      outfile: child,
      logLevel: 'silent'
    })

    const file = join(work, 'profile.zip')
    const size = 512 * MB
    await randomFile(file, size)
    // Same file, same twin, in turn (ours, then curl): the median of at least five pairs' ratios.
    const ours: number[] = []
    const curl: number[] = []
    const ratios: number[] = []
    for (let round = 0; round < 5; round++) {
      const mine = JSON.parse((await run(process.execPath, [child, file, String(size), JSON.stringify(await initiate(base))])).stdout) as {
        status: number
        ms: number
      }
      if (mine.status !== 204) throw new Error(`our upload got ${mine.status}`)
      const target = await initiate(base)
      const args = ['-s', '-o', '/dev/null', '-w', '%{http_code} %{time_total}', target.upload_url]
      for (const [name, value] of Object.entries(target.upload_fields)) args.push('--form-string', `${name}=${value}`)
      args.push('-F', `file=@${file};type=application/zip`)
      const [code, seconds] = (await run('curl', args)).stdout.split(' ')
      if (code !== '204') throw new Error(`curl got ${code}`)
      ours.push(mine.ms)
      curl.push(Number(seconds) * 1000)
      ratios.push((Number(seconds) * 1000) / mine.ms)
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
    report('upload_512mb_ms', median(ours), 'ms')
    report('curl_512mb_ms', median(curl), 'ms')
    report('upload_vs_curl', median(ratios), 'x')

    const big = join(work, 'big.zip')
    await writeFile(big, '')
    await truncate(big, 1024 * MB)
    const giant = JSON.parse(
      (await run(process.execPath, [child, big, String(1024 * MB), JSON.stringify(await initiate(base))])).stdout
    ) as { status: number; peakMb: number; stallMs: number; busyMs: number }
    if (giant.status !== 204) throw new Error(`1 GiB upload got ${giant.status}`)
    report('upload_1gib_client_peak_rss', giant.peakMb, 'MB')
    report('main_loop_max_stall_ms_upload_1gib', giant.stallMs, 'ms')
    report('main_loop_max_busy_ms_upload_1gib', giant.busyMs, 'ms')
    report('upload_1gib_server_peak_rss', peakRssMb(server.pid ?? 0), 'MB')
  } finally {
    server.kill('SIGTERM')
    await rm(work, { recursive: true, force: true })
  }
}

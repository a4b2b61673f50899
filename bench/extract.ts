import { execFile } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createGzip } from 'node:zlib'
import { tarHeader } from '../test/fixtures/hostile-archives'
import { bundleForBench } from './bundle'
import { report } from './report'

const run = promisify(execFile)

/** A tar.gz of a million empty files: a few MB on disk, a hostile amount of entries. */
async function millionEntries(file: string): Promise<void> {
  const gzip = createGzip({ level: 1 })
  const done = new Promise<void>((resolve, reject) => gzip.pipe(createWriteStream(file)).on('finish', resolve).on('error', reject))
  for (let i = 0; i < 1_000_000; i++) {
    if (!gzip.write(tarHeader(`d${i % 1000}/f${i}`, 0, '0'))) await new Promise<void>((resolve) => gzip.once('drain', () => resolve()))
  }
  gzip.end(Buffer.alloc(1024))
  await done
}

/** Safe extraction against a million-entry archive: refused from its headers, in seconds, in flat memory. */
export async function benchExtract(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'porter-bench-extract-'))
  try {
    const child = await bundleForBench('extract-child.ts')
    const file = join(work, 'million.tar.gz')
    await millionEntries(file)
    report('extract_1m_entries_archive_mb', (await stat(file)).size / 1024 / 1024, 'MB')
    const { stdout } = await run(process.execPath, [child, file, join(work, 'out')], { maxBuffer: 1024 * 1024 })
    const result = JSON.parse(stdout) as { ms: number; peakMb: number; outcome: string }
    if (!result.outcome.includes('more than')) throw new Error(`the million-entry archive was not refused: ${result.outcome}`)
    report('extract_1m_entries_refuse_ms', result.ms, 'ms')
    report('extract_1m_entries_peak_rss', result.peakMb, 'MB')
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

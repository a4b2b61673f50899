import { execFile } from 'node:child_process'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { DetectedProfile } from '../shared/domain/detected-profile'
import { walkForArchive } from '../electron/services/archive/profile-walk'
import { bundleForBench } from './bundle'
import { generateProfile, multiplyKeptFiles } from './generate-profile'
import { report } from './report'

const run = promisify(execFile)
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

async function timed(command: string, cwd: string): Promise<number> {
  const start = performance.now()
  await run('bash', ['-c', command], { cwd, maxBuffer: 1024 * 1024 })
  return performance.now() - start
}

async function archiveInChild(child: string, userDataDir: string, work: string, format: 'zip' | 'tgz', tag: string) {
  const output = join(work, `ours-${tag}.${format === 'zip' ? 'zip' : 'tar.gz'}`)
  const { stdout } = await run(process.execPath, [child, userDataDir, work, output, format], { maxBuffer: 1024 * 1024 })
  await rm(output, { force: true })
  return JSON.parse(stdout) as { archiveMs: number; size: number; peakMb: number }
}

/**
 * A ~300 MB, ~20k-file Chromium profile: our zip and tar.gz (straight from the profile: walk,
 * rewrites and writing, on the packing thread) against `zip -1` and `tar czf` of the same kept
 * files (their list made beforehand, off their clock), memory at 20k and 60k files, and what is
 * shipped against a naive zip of the whole user-data folder.
 */
export async function benchArchive(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'porter-bench-archive-'))
  try {
    const child = await bundleForBench('archive-child.ts')
    const userDataDir = join(work, 'udd')
    const generated = await generateProfile(userDataDir)
    report('bench_profile_files', generated.files, 'files')
    report('bench_profile_size', generated.bytes / 1024 / 1024, 'MB')
    const profile = { family: 'chromium', userDataDir, profileDir: generated.profileDir } as DetectedProfile
    const kept = await walkForArchive(profile)
    const list = join(work, 'kept.txt')
    await writeFile(list, Array.from({ length: kept.files.length }, (_, index) => kept.files.path(index)).join('\n'))
    report('archive_kept_files', kept.files.length, 'files')

    // Five alternating pairs, ours then the tool's; the figure is the median of their ratios.
    const pairs = async (format: 'zip' | 'tgz', tool: string) => {
      const ours: Array<{ archiveMs: number; size: number; peakMb: number }> = []
      const theirs: number[] = []
      const ratios: number[] = []
      for (let round = 0; round < 5; round++) {
        const mine = await archiveInChild(child, userDataDir, work, format, `${format}20k`)
        const cli = await timed(tool, generated.profileDir)
        await rm(join(work, format === 'zip' ? 'cli.zip' : 'cli.tar.gz'), { force: true })
        ours.push(mine)
        theirs.push(cli)
        ratios.push(mine.archiveMs / cli)
      }
      const middle = [...ours].sort((a, b) => a.archiveMs - b.archiveMs)[2] as (typeof ours)[number]
      return { ours: middle, theirs: median(theirs), ratio: median(ratios) }
    }
    const zip = await pairs('zip', `zip -q -1 '${join(work, 'cli.zip')}' -@ < '${list}'`)
    report('archive_zip_ms', zip.ours.archiveMs, 'ms')
    report('zip_1_ms', zip.theirs, 'ms')
    report('archive_vs_zip1', zip.ratio, 'x')
    report('archive_zip_peak_rss_20k', zip.ours.peakMb, 'MB')

    const tgz = await pairs('tgz', `tar -czf '${join(work, 'cli.tar.gz')}' -T '${list}'`)
    report('archive_tgz_ms', tgz.ours.archiveMs, 'ms')
    report('tar_czf_ms', tgz.theirs, 'ms')
    report('archive_vs_tgz', tgz.ratio, 'x')
    report('archive_tgz_peak_rss_20k', tgz.ours.peakMb, 'MB')

    await timed(`zip -q -r -1 '${join(work, 'naive.zip')}' .`, userDataDir)
    const naive = (await stat(join(work, 'naive.zip'))).size
    report('shipped_vs_naive', zip.ours.size / naive, 'ratio')

    const added = await multiplyKeptFiles(generated.profileDir, 7)
    report('bench_profile_files_60k', generated.files + added, 'files')
    report('archive_zip_peak_rss_60k', (await archiveInChild(child, userDataDir, work, 'zip', 'zip60k')).peakMb, 'MB')
    report('archive_tgz_peak_rss_60k', (await archiveInChild(child, userDataDir, work, 'tgz', 'tgz60k')).peakMb, 'MB')
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

import { execFile } from 'node:child_process'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import { generateProfile, multiplyKeptFiles } from './generate-profile'
import { report } from './report'

const run = promisify(execFile)

async function timed(command: string, args: string[], cwd: string): Promise<number> {
  const start = performance.now()
  await run(command, args, { cwd, maxBuffer: 1024 * 1024 })
  return performance.now() - start
}

/** Bundled and run with plain node, as Electron runs it: a TypeScript loader would add its own memory. */
async function bundleChild(work: string): Promise<string> {
  const outfile = join(work, 'archive-child.cjs')
  await build({ entryPoints: [join(__dirname, 'archive-child.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'silent' })
  return outfile
}

async function archiveInChild(child: string, userDataDir: string, work: string, format: 'zip' | 'tgz', tag: string) {
  const staging = join(work, `staging-${tag}`)
  const output = join(work, `ours-${tag}.${format === 'zip' ? 'zip' : 'tar.gz'}`)
  const { stdout } = await run(process.execPath, [child, userDataDir, staging, output, format], { maxBuffer: 1024 * 1024 })
  return { ...(JSON.parse(stdout) as { stageMs: number; archiveMs: number; size: number; peakMb: number; entries: number }), staging, output }
}

/**
 * A ~300 MB, ~20k-file Chromium profile: our zip and tar.gz against `zip -r -1` and `tar czf` on
 * the same kept files, memory at 20k and 60k files, and what is shipped against a naive zip.
 */
export async function benchArchive(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'porter-bench-archive-'))
  try {
    const child = await bundleChild(work)
    const userDataDir = join(work, 'udd')
    const generated = await generateProfile(userDataDir)
    report('bench_profile_files', generated.files, 'files')
    report('bench_profile_size', generated.bytes / 1024 / 1024, 'MB')

    const zip = await archiveInChild(child, userDataDir, work, 'zip', 'zip20k')
    const zipCli = await timed('zip', ['-q', '-r', '-1', join(work, 'cli.zip'), '.'], zip.staging)
    report('archive_kept_files', zip.entries, 'files')
    report('archive_zip_ms', zip.archiveMs, 'ms')
    report('zip_r1_ms', zipCli, 'ms')
    report('archive_vs_zip1', zip.archiveMs / zipCli, 'x')
    report('archive_stage_ms', zip.stageMs, 'ms')
    const copy = await timed('cp', ['-r', zip.staging, join(work, 'cp-copy')], work)
    report('cp_r_kept_ms', copy, 'ms')
    report('stage_vs_cp', zip.stageMs / copy, 'x')
    await rm(join(work, 'cp-copy'), { recursive: true, force: true })
    report('archive_zip_peak_rss_20k', zip.peakMb, 'MB')

    const tgz = await archiveInChild(child, userDataDir, work, 'tgz', 'tgz20k')
    const tarCli = await timed('tar', ['czf', join(work, 'cli.tar.gz'), '.'], tgz.staging)
    report('archive_tgz_ms', tgz.archiveMs, 'ms')
    report('tar_czf_ms', tarCli, 'ms')
    report('archive_vs_tgz', tgz.archiveMs / tarCli, 'x')
    report('archive_tgz_peak_rss_20k', tgz.peakMb, 'MB')

    await timed('zip', ['-q', '-r', '-1', join(work, 'naive.zip'), '.'], userDataDir)
    const naive = (await stat(join(work, 'naive.zip'))).size
    report('shipped_vs_naive', zip.size / naive, 'ratio')

    await rm(zip.staging, { recursive: true, force: true })
    await rm(tgz.staging, { recursive: true, force: true })
    const added = await multiplyKeptFiles(generated.profileDir, 7)
    report('bench_profile_files_60k', generated.files + added, 'files')
    const zip60 = await archiveInChild(child, userDataDir, work, 'zip', 'zip60k')
    report('archive_kept_files_60k', zip60.entries, 'files')
    report('archive_zip_peak_rss_60k', zip60.peakMb, 'MB')
    await rm(zip60.staging, { recursive: true, force: true })
    const tgz60 = await archiveInChild(child, userDataDir, work, 'tgz', 'tgz60k')
    report('archive_tgz_peak_rss_60k', tgz60.peakMb, 'MB')
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

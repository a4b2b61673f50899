import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { DetectedProfile } from '../shared/domain/detected-profile'
import { walkForArchive } from '../electron/services/archive/profile-walk'
import { detectProfiles } from '../electron/services/browsers/detect'
import { bundleForBench } from './bundle'
import { startNode } from './child-process'
import { generateProfile, multiplyKeptFiles } from './generate-profile'
import { report } from './report'

const run = promisify(execFile)
const MB = 1024 * 1024
/** Alternating pairs, ours then the pipeline's: the median of their ratios is the figure, not one lucky run. */
const PAIRS = 5
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

type Kind = 'hcompany' | 'webrun' | 'local'
interface Ours {
  ms: number
  peakMb: number
  stallMs: number
  busyMs: number
  /** When each phase of the job began, ms after the click. */
  phases: Record<string, number>
  profileId: string
}

async function importInChild(child: string, home: string, work: string, kind: Kind, cloud: string): Promise<Ours> {
  const dataDir = await mkdtemp(join(work, 'data-'))
  const tempRoot = await mkdtemp(join(work, 'tmp-'))
  try {
    const { stdout } = await run(process.execPath, [child, home, dataDir, tempRoot, kind, cloud], { maxBuffer: 1024 * 1024 })
    return JSON.parse(stdout) as Ours
  } finally {
    await rm(dataDir, { recursive: true, force: true })
    await rm(tempRoot, { recursive: true, force: true })
  }
}

/** Pre-flight in a bundled child, as the app runs it: the median of `runs`, and whether the profile is too large. */
async function preflightInChild(child: string, home: string, service: 'local' | 'hcompany', work: string, runs: number) {
  const { stdout } = await run(process.execPath, [child, home, service, work, String(runs)], { maxBuffer: 1024 * 1024 })
  return JSON.parse(stdout) as { ms: number; tooLarge: boolean }
}

/** Outside every clock: what a run made at the twin goes, so each run meets the same account (WebRun holds 20). */
async function removeProfile(kind: 'hcompany' | 'webrun', cloud: string, id: string): Promise<void> {
  const url = kind === 'hcompany' ? `${cloud}/api/v2/browser-profiles/${id}` : `${cloud}/profiles/${id}`
  const key = kind === 'hcompany' ? 'hk-local-dev' : 'enig_local_dev'
  const response = await fetch(url, { method: 'DELETE', headers: { authorization: `Bearer ${key}` } })
  if (!response.ok) throw new Error(`removing ${id} from the ${kind} twin got ${response.status}`)
}

/**
 * The simplest pipeline that ships the same kept files to the same twin: zip (or tar | pigz) of
 * the list, then curl for each API call. Timed as one shell command, as a person would run it;
 * it prints the id it made, which is removed afterwards, outside the clock.
 *
 * Our import makes one call more than each pipeline: while packing, it lists the account's
 * profiles (a refused key, or a WebRun account already holding its 20, stops the packing then, not
 * after it; the list also lets a retry recognise a profile whose creation's answer was lost).
 * H Company: list, initiate, upload, complete (the pipeline: initiate, upload, complete).
 * WebRun: list, create, upload (the pipeline: create, upload). Nothing else: no DELETE, no
 * polling (the twin answers the upload with the finished profile).
 */
function pipeline(kind: 'hcompany' | 'webrun', profileDir: string, list: string, out: string, cloud: string): string {
  if (kind === 'hcompany') {
    return `set -e; cd '${profileDir}'; zip -q -1 '${out}' -@ < '${list}'
      I=$(curl -sf -X POST '${cloud}/api/v2/browser-profiles/initiate-upload' -H 'Authorization: Bearer hk-local-dev')
      ARGS=$(printf '%s' "$I" | jq -r '.upload_fields | to_entries[] | "--form-string\\n\\(.key)=\\(.value)"')
      IFS=$'\\n'; curl -sf -o /dev/null $(printf '%s' "$I" | jq -r .upload_url) $ARGS -F "file=@${out};type=application/zip"; unset IFS
      curl -sf -o /dev/null -X POST "${cloud}/api/v2/browser-profiles/$(printf '%s' "$I" | jq -r .profile_id)/complete-upload" -H 'Authorization: Bearer hk-local-dev' -H 'Content-Type: application/json' -d '{"name":"pipeline","browser_name":"chromium","browser_version":"142","labels":{}}'
      printf '%s' "$I" | jq -r .profile_id`
  }
  return `set -e; tar -C '${profileDir}' -T '${list}' -cf - | pigz -1 > '${out}'
    ID=$(curl -sf -X POST '${cloud}/profiles' -H 'Authorization: Bearer enig_local_dev' -H 'Content-Type: application/json' -d '{"name":"pipeline"}' | jq -r .profile._id)
    curl -sf -o /dev/null -X POST "${cloud}/profiles/$ID/upload" -H 'Authorization: Bearer enig_local_dev' -F "file=@${out};type=application/gzip"
    echo "$ID"`
}

async function timedShell(script: string): Promise<{ ms: number; id: string }> {
  const start = performance.now()
  const { stdout } = await run('bash', ['-c', script], { maxBuffer: 16 * 1024 * 1024 })
  return { ms: performance.now() - start, id: stdout.trim() }
}

/** Our import and the pipeline in turn, each run's remote profile removed outside the clock. */
async function comparePairs(
  child: string,
  home: string,
  work: string,
  kind: 'hcompany' | 'webrun',
  cloud: string,
  profileDir: string,
  list: string,
  pairs: number
): Promise<{ ours: Ours[]; theirs: number[]; ratio: number }> {
  const ours: Ours[] = []
  const theirs: number[] = []
  const ratios: number[] = []
  for (let round = 0; round < pairs; round++) {
    const mine = await importInChild(child, home, work, kind, cloud)
    await removeProfile(kind, cloud, mine.profileId)
    const out = join(work, `pipeline-${round}.${kind === 'hcompany' ? 'zip' : 'tar.gz'}`)
    const shell = await timedShell(pipeline(kind, profileDir, list, out, cloud))
    await removeProfile(kind, cloud, shell.id)
    await rm(out, { force: true })
    ours.push(mine)
    theirs.push(shell.ms)
    ratios.push(mine.ms / shell.ms)
  }
  return { ours, theirs, ratio: median(ratios) }
}

/** Where our median run's time went, by the job's own phases: walk and rewrites, packing, sending, the service's answer. */
function reportPhases(figure: string, runs: Ours[]): void {
  const run = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)] as Ours
  const at = (phase: string) => run.phases[phase] ?? run.ms
  report(`${figure}_phase_prepare_ms`, at('archiving') - at('preparing'), 'ms')
  report(`${figure}_phase_pack_ms`, at('uploading') - at('archiving'), 'ms')
  report(`${figure}_phase_send_ms`, Math.min(at('finalizing'), at('verifying')) - at('uploading'), 'ms')
  report(`${figure}_phase_finish_ms`, run.ms - Math.min(at('finalizing'), at('verifying')), 'ms')
}

async function sequential<T>(count: number, step: () => Promise<T>): Promise<T[]> {
  const results: T[] = []
  for (let index = 0; index < count; index++) results.push(await step())
  return results
}

async function randomFile(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path)
  for (let written = 0; written < bytes; written += 4 * MB)
    if (!out.write(randomBytes(Math.min(4 * MB, bytes - written)))) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  await new Promise<void>((resolve) => out.end(() => resolve()))
}

async function chromeProfile(home: string): Promise<DetectedProfile> {
  const profiles = await detectProfiles({ platform: 'linux', home, env: {}, hostname: 'bench', isAlive: () => false })
  const profile = profiles.find((candidate) => candidate.ref === 'chrome:Default')
  if (profile === undefined) throw new Error('the bench profile was not detected')
  return profile
}

/**
 * What the person waits for, from "start" to "uploaded", beside the simplest shell pipeline that
 * ships the same kept files to the same twin; then memory at 100k files, a 2 GB profile, and how
 * soon a profile too large for H Company is caught.
 */
export async function benchImport(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'porter-bench-import-'))
  const { child: server, match } = await startNode(
    join(__dirname, '../server/cli.ts'),
    ['--port', '0', '--webrun-rate-limit', '0'],
    /listening on (\S+)/
  )
  try {
    const cloud = match[1] ?? ''
    const child = await bundleForBench('import-child.ts')
    const preflight = await bundleForBench('preflight-child.ts')
    const home = join(work, 'home')
    const generated = await generateProfile(join(home, '.config/google-chrome'))
    const profile = await chromeProfile(home)
    const walk = await walkForArchive(profile)
    report('import_profile_files', generated.files, 'files')
    report('import_kept_files', walk.files.length, 'files')
    const list = join(work, 'kept.txt')
    await writeFile(list, Array.from({ length: walk.files.length }, (_, index) => walk.files.path(index)).join('\n'))

    for (const [kind, figure] of [
      ['hcompany', 'import_zip'],
      ['webrun', 'import_tgz']
    ] as const) {
      const { ours, theirs, ratio } = await comparePairs(child, home, work, kind, cloud, profile.profileDir, list, PAIRS)
      report(`${figure}_ms`, median(ours.map((run) => run.ms)), 'ms')
      report(`${figure}_pipeline_ms`, median(theirs), 'ms')
      report(`${figure}_vs_pipeline`, ratio, 'x')
      reportPhases(figure, ours)
    }

    // Memory, and how it grows with the number of kept files: the library import (no upload) at
    // 20k and 100k files, three runs each; the main loop's longest stall during the 100k import.
    const at20k = await sequential(3, () => importInChild(child, home, work, 'local', cloud))
    const added = await multiplyKeptFiles(profile.profileDir, 14)
    const at100k = await sequential(3, () => importInChild(child, home, work, 'local', cloud))
    const kept100k = walk.files.length + added
    report('import_100k_kept_files', kept100k, 'files')
    report('import_100k_ms', median(at100k.map((run) => run.ms)), 'ms')
    report('import_20k_peak_rss', median(at20k.map((run) => run.peakMb)), 'MB')
    report('import_100k_peak_rss', median(at100k.map((run) => run.peakMb)), 'MB')
    report(
      'import_rss_per_kept_file_kb',
      ((median(at100k.map((run) => run.peakMb)) - median(at20k.map((run) => run.peakMb))) * 1024) / added,
      'KB'
    )
    report('main_loop_max_stall_ms_import_100k', Math.max(...at100k.map((run) => run.stallMs)), 'ms')
    // On a shared machine a late tick may be the OS running others: this is the main thread's own work between two ticks.
    report('main_loop_max_busy_ms_import_100k', Math.max(...at100k.map((run) => run.busyMs)), 'ms')
    await rm(home, { recursive: true, force: true })

    // A 2 GB profile: 1.6 GB of caches the import leaves out, 400 MB of site data it sends, to the
    // H Company twin beside the zip -1 + curl pipeline of the same kept files.
    const bigHome = join(work, 'big-home')
    await generateProfile(join(bigHome, '.config/google-chrome'))
    const bigDir = join(bigHome, '.config/google-chrome/Default')
    await mkdir(join(bigDir, 'Cache/Cache_Data/big'), { recursive: true })
    for (let i = 0; i < 16; i++) await randomFile(join(bigDir, 'Cache/Cache_Data/big', `blob${i}`), 100 * MB)
    for (let i = 0; i < 4; i++) await randomFile(join(bigDir, 'IndexedDB/https_app.example_0.indexeddb.leveldb', `blob${i}.ldb`), 100 * MB)
    const big = await chromeProfile(bigHome)
    report('preflight_2gb_ms', (await preflightInChild(preflight, bigHome, 'local', work, 5)).ms, 'ms')
    const bigWalk = await walkForArchive(big)
    const bigList = join(work, 'big-kept.txt')
    await writeFile(bigList, Array.from({ length: bigWalk.files.length }, (_, index) => bigWalk.files.path(index)).join('\n'))
    const huge = await comparePairs(child, bigHome, work, 'hcompany', cloud, big.profileDir, bigList, 3)
    report('import_2gb_ms', median(huge.ours.map((run) => run.ms)), 'ms')
    report('import_2gb_pipeline_ms', median(huge.theirs), 'ms')
    report('import_2gb_vs_pipeline', huge.ratio, 'x')
    await rm(bigHome, { recursive: true, force: true })

    // 10% over H Company's 1 GiB, in data that does not compress: caught before anything is packed.
    const overHome = join(work, 'over-home')
    const overDir = join(overHome, '.config/google-chrome/Default/IndexedDB/https_app.example_0.indexeddb.leveldb')
    await mkdir(overDir, { recursive: true })
    await writeFile(join(overHome, '.config/google-chrome/Default/Preferences'), '{}')
    for (let i = 0; i < 11; i++) await randomFile(join(overDir, `blob${i}.ldb`), (1.1 * 1024 * MB) / 11)
    const verdict = await preflightInChild(preflight, overHome, 'hcompany', work, 1)
    if (!verdict.tooLarge) throw new Error('the oversize profile was not caught')
    report('oversize_detected_ms', verdict.ms, 'ms')
  } finally {
    server.kill()
    await rm(work, { recursive: true, force: true })
  }
}

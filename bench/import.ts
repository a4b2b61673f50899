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
import { runPreflight } from '../electron/services/preflight/run-preflight'
import { bundleForBench } from './bundle'
import { startNode } from './child-process'
import { generateProfile, multiplyKeptFiles } from './generate-profile'
import { report } from './report'

const run = promisify(execFile)
const MB = 1024 * 1024
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

async function importInChild(
  child: string,
  home: string,
  work: string,
  kind: 'hcompany' | 'webrun' | 'local',
  cloud: string
): Promise<{ ms: number; peakMb: number }> {
  const dataDir = await mkdtemp(join(work, 'data-'))
  const tempRoot = await mkdtemp(join(work, 'tmp-'))
  try {
    const { stdout } = await run(process.execPath, [child, home, dataDir, tempRoot, kind, cloud], { maxBuffer: 1024 * 1024 })
    return JSON.parse(stdout) as { ms: number; peakMb: number }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
    await rm(tempRoot, { recursive: true, force: true })
  }
}

/**
 * The simplest pipeline that ships the same kept files to the same twin: zip (or tar | pigz) of
 * the list, then curl for each API call. Timed as one shell command, as a person would run it.
 */
function pipeline(kind: 'hcompany' | 'webrun', profileDir: string, list: string, out: string, cloud: string): string {
  if (kind === 'hcompany') {
    return `set -e; cd '${profileDir}'; zip -q -1 '${out}' -@ < '${list}'
      I=$(curl -sf -X POST '${cloud}/api/v2/browser-profiles/initiate-upload' -H 'Authorization: Bearer hk-local-dev')
      ARGS=$(printf '%s' "$I" | jq -r '.upload_fields | to_entries[] | "--form-string\\n\\(.key)=\\(.value)"')
      IFS=$'\\n'; curl -sf -o /dev/null $(printf '%s' "$I" | jq -r .upload_url) $ARGS -F "file=@${out};type=application/zip"; unset IFS
      curl -sf -o /dev/null -X POST "${cloud}/api/v2/browser-profiles/$(printf '%s' "$I" | jq -r .profile_id)/complete-upload" -H 'Authorization: Bearer hk-local-dev' -H 'Content-Type: application/json' -d '{"name":"pipeline","browser_name":"chromium","browser_version":"142","labels":{}}'`
  }
  return `set -e; tar -C '${profileDir}' -T '${list}' -cf - | pigz -1 > '${out}'
    ID=$(curl -sf -X POST '${cloud}/profiles' -H 'Authorization: Bearer enig_local_dev' -H 'Content-Type: application/json' -d '{"name":"pipeline"}' | jq -r .profile._id)
    curl -sf -o /dev/null -X POST "${cloud}/profiles/$ID/upload" -H 'Authorization: Bearer enig_local_dev' -F "file=@${out};type=application/gzip"
    curl -sf -o /dev/null -X DELETE "${cloud}/profiles/$ID" -H 'Authorization: Bearer enig_local_dev'`
}

async function timedShell(script: string): Promise<number> {
  const start = performance.now()
  await run('bash', ['-c', script], { maxBuffer: 16 * 1024 * 1024 })
  return performance.now() - start
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
      const ours: number[] = []
      const theirs: number[] = []
      // Paired runs, alternating, so the disk cache and the machine's load treat both alike.
      for (let round = 0; round < 3; round++) {
        ours.push((await importInChild(child, home, work, kind, cloud)).ms)
        const out = join(work, `pipeline-${round}.${kind === 'hcompany' ? 'zip' : 'tar.gz'}`)
        theirs.push(await timedShell(pipeline(kind, profile.profileDir, list, out, cloud)))
        await rm(out, { force: true })
      }
      report(`${figure}_ms`, median(ours), 'ms')
      report(`${figure}_pipeline_ms`, median(theirs), 'ms')
      report(`${figure}_vs_pipeline`, median(ours) / median(theirs), 'x')
    }

    const added = await multiplyKeptFiles(profile.profileDir, 14)
    report('import_100k_kept_files', walk.files.length + added, 'files')
    report('import_100k_peak_rss', (await importInChild(child, home, work, 'local', cloud)).peakMb, 'MB')
    await rm(home, { recursive: true, force: true })

    // A 2 GB profile: 1.6 GB of caches the import leaves out, 400 MB of site data it sends.
    const bigHome = join(work, 'big-home')
    await generateProfile(join(bigHome, '.config/google-chrome'))
    const bigDir = join(bigHome, '.config/google-chrome/Default')
    await mkdir(join(bigDir, 'Cache/Cache_Data/big'), { recursive: true })
    for (let i = 0; i < 16; i++) await randomFile(join(bigDir, 'Cache/Cache_Data/big', `blob${i}`), 100 * MB)
    for (let i = 0; i < 4; i++) await randomFile(join(bigDir, 'IndexedDB/https_app.example_0.indexeddb.leveldb', `blob${i}.ldb`), 100 * MB)
    const big = await chromeProfile(bigHome)
    const preflights: number[] = []
    for (let round = 0; round < 5; round++) {
      const start = performance.now()
      await runPreflight(big, { service: 'local', sourceOs: 'linux', tempRoot: work })
      preflights.push(performance.now() - start)
    }
    report('preflight_2gb_ms', median(preflights), 'ms')
    report('import_2gb_ms', (await importInChild(child, bigHome, work, 'local', cloud)).ms, 'ms')
    await rm(bigHome, { recursive: true, force: true })

    // 10% over H Company's 1 GiB, in data that does not compress: caught before anything is packed.
    const overHome = join(work, 'over-home')
    const overDir = join(overHome, '.config/google-chrome/Default/IndexedDB/https_app.example_0.indexeddb.leveldb')
    await mkdir(overDir, { recursive: true })
    await writeFile(join(overHome, '.config/google-chrome/Default/Preferences'), '{}')
    for (let i = 0; i < 11; i++) await randomFile(join(overDir, `blob${i}.ldb`), (1.1 * 1024 * MB) / 11)
    const over = await chromeProfile(overHome)
    const start = performance.now()
    const verdict = await runPreflight(over, { service: 'hcompany', sourceOs: 'linux', tempRoot: work })
    const told = performance.now() - start
    if (!verdict.findings.some((finding) => finding.id === 'too-large' && finding.severity === 'blocking'))
      throw new Error('the oversize profile was not caught')
    report('oversize_detected_ms', told, 'ms')
  } finally {
    server.kill()
    await rm(work, { recursive: true, force: true })
  }
}

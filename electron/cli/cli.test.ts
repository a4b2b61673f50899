import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { mkdtemp, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReferenceCloud, type ReferenceCloud } from '../../server/reference-cloud'
import { chromiumTree, firefoxTree } from '../../test/fixtures/browser-trees'
import { writeCookiesDb } from '../../test/fixtures/cookies-db'
import { startFaultProxy, type FaultProxy } from '../../test/support/fault-proxy'
import { runNode, type NodeRun } from '../../test/support/run-node'
import { extractArchive } from '../services/archive/extract/extract-archive'
import { openConnectionStore } from '../services/settings/connection-store'
import { lockProfile } from '../services/transfers/profile-lock'

const PORTER = join(__dirname, '../../bin/porter.cjs')
let root: string
let cloud: ReferenceCloud
let proxy: FaultProxy
let env: NodeJS.ProcessEnv

/** The real CLI in a child process, as a script or a person would run it. */
function porter(
  args: string[],
  options: { extraEnv?: NodeJS.ProcessEnv; onStderr?: (text: string, child: ChildProcess) => void } = {}
): Promise<NodeRun> {
  return runNode(PORTER, args, { env: { ...env, ...options.extraEnv }, ...(options.onStderr ? { onStderr: options.onStderr } : {}) })
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-cli-'))
  const home = join(root, 'home')
  await chromiumTree(join(home, '.config/google-chrome'), {
    lastVersion: '131.0.6778.86',
    profiles: [
      {
        folder: 'Default',
        name: 'Work',
        email: 'ada@example.com',
        files: { 'Local Storage/leveldb/000003.log': randomBytes(3 * 1024 * 1024) }
      }
    ]
  })
  await writeCookiesDb(join(home, '.config/google-chrome/Default/Network/Cookies'), [
    { host: '.crm-alpha.com', name: 'session_id', value: 'crm-cookie-value' },
    { host: 'app.crm-alpha.com', name: 'app_sid', value: 'crm-app-cookie-value' },
    { host: 'bank.crm-alpha.com', name: 'bank_sid', value: 'bank-cookie-value' },
    { host: '.mail-beta.com', name: 'auth', value: 'mail-cookie-value' }
  ])
  await firefoxTree(join(home, '.mozilla/firefox'), [{ name: 'default-release', path: 'ab.default-release', isDefault: true }])
  await mkdir(join(root, 'tmp'))
  cloud = await startReferenceCloud({ webrunRateLimit: 0 })
  proxy = await startFaultProxy(cloud.url)
  env = {
    PATH: process.env['PATH'],
    PORTER_HOME: home,
    PORTER_DATA: join(root, 'data'),
    TMPDIR: join(root, 'tmp'),
    H_KEY: 'hk-local-dev',
    WEBRUN_KEY: 'enig_local_dev'
  }
  expect((await porter(['connections', 'add', '--kind', 'hcompany', '--name', 'H', '--url', proxy.url, '--key-env', 'H_KEY'])).code).toBe(0)
  expect(
    (await porter(['connections', 'add', '--kind', 'webrun', '--name', 'WebRun', '--url', proxy.url, '--key-env', 'WEBRUN_KEY'])).code
  ).toBe(0)
}, 60_000)

/** A CLI run, and its process as soon as it has one. */
function started(launch: (onStderr: (text: string, child: ChildProcess) => void) => Promise<NodeRun>): {
  child: Promise<ChildProcess>
  run: Promise<NodeRun>
} {
  let found: (child: ChildProcess) => void = () => undefined
  const child = new Promise<ChildProcess>((resolve) => (found = resolve))
  return { child, run: launch((_text, process) => found(process)) }
}

/** Resolves once an upload request (one not seen before this call) has reached the proxy: an event, not a guess at timing. */
async function uploadSeen(): Promise<void> {
  const from = proxy.seen.length
  while (!proxy.seen.slice(from).some((request) => request.path.endsWith('/upload')))
    await new Promise((resolve) => setTimeout(resolve, 20))
}

const ready = new Map<string, Promise<string>>()
/** A ready profile at a connection, imported by whichever test needs one first: no test relies on another having run. */
function readyProfile(connection: string): Promise<string> {
  let made = ready.get(connection)
  if (made === undefined) {
    made = porter([
      'import',
      'chrome:Default',
      '--connection',
      connection,
      '--name',
      `Ready in ${connection}`,
      '--all-sites',
      '--json'
    ]).then((run) => (JSON.parse(run.stdout) as { profileId: string }).profileId)
    ready.set(connection, made)
  }
  return made
}

afterAll(async () => {
  await proxy.close()
  await cloud.close()
  await rm(root, { recursive: true, force: true })
})

describe('porter', () => {
  it('lists browser profiles as one JSON document', async () => {
    const run = await porter(['browsers', '--json'])
    expect(run.code).toBe(0)
    const profiles = JSON.parse(run.stdout) as Array<{ ref: string; email?: string }>
    expect(profiles.map((p) => p.ref).sort()).toEqual(['chrome:Default', 'firefox:default-release'])
    expect(profiles.find((p) => p.ref === 'chrome:Default')?.email).toBe('ada@example.com')
  })

  it('inspects a profile for a service, in plain words', async () => {
    const run = await porter(['inspect', 'firefox:default-release', '--service', 'webrun'])
    // A blocking finding fails the check, so a script can stop there.
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('WebRun runs Chrome and cannot use a Firefox profile.')
    const json = JSON.parse((await porter(['inspect', 'chrome:Default', '--json'])).stdout) as { size: { uploadBytes: number } }
    expect(json.size.uploadBytes).toBeGreaterThan(3 * 1024 * 1024)
  })

  it('writes the same archive an upload would send', async () => {
    const out = join(root, 'work.zip')
    const run = await porter(['archive', 'chrome:Default', '--out', out, '--all-sites'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Wrote .*work\.zip \(3\.\d MB, sha256 [0-9a-f]{64}\)\./)
    await extractArchive(out, join(root, 'work-extracted'))
    expect((await readdir(join(root, 'work-extracted'))).sort()).toEqual(['Default', 'Last Version', 'Local State', 'porter-manifest.json'])
  })

  it('lists each host a profile holds, and sends only the hosts named — never a sibling host', async () => {
    const listed = await porter(['sites', 'chrome:Default'])
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(/app\.crm-alpha\.com\s+crm-alpha\.com\s+2\s+yes/)
    const sites = JSON.parse((await porter(['sites', 'chrome:Default', '--json'])).stdout) as Array<{ host: string; site: string }>
    expect(sites.map((row) => `${row.host} ${row.site}`).sort()).toEqual([
      'app.crm-alpha.com crm-alpha.com',
      'bank.crm-alpha.com crm-alpha.com',
      'mail-beta.com mail-beta.com'
    ])

    const out = join(root, 'one-site.zip')
    const run = await porter(['archive', 'chrome:Default', '--out', out, '--site', 'app.crm-alpha.com', '--json'])
    expect(run.code).toBe(0)
    expect((JSON.parse(run.stdout) as { manifest: { sites: unknown } }).manifest.sites).toMatchObject({
      mode: 'sites',
      sent: [{ site: 'crm-alpha.com', cookies: 2 }]
    })
    await extractArchive(out, join(root, 'one-site'))
    const cookies = await readFile(join(root, 'one-site', 'Default', 'Network', 'Cookies'))
    expect(cookies.includes('crm-cookie-value')).toBe(true)
    expect(cookies.includes('crm-app-cookie-value')).toBe(true)
    for (const other of ['bank', 'mail-beta']) expect(cookies.includes(other), other).toBe(false)

    // The site's name alone is one host: the others are named, with the way to send them all.
    const apex = await porter(['archive', 'chrome:Default', '--out', join(root, 'apex.zip'), '--site', 'crm-alpha.com'])
    expect(apex.code).toBe(0)
    expect(apex.stderr).toContain(
      "--site crm-alpha.com sends that host only (with the cookies it shares with them), not app.crm-alpha.com, bank.crm-alpha.com: name those too, or use --site '*.crm-alpha.com' for all of them."
    )
  })

  it('imports sign-ins from a cookie file beside the profile, and reports them per site', async () => {
    const file = join(root, 'cookies.txt')
    await writeFile(
      file,
      `# Netscape HTTP Cookie File\n.file-site.com\tTRUE\t/\tTRUE\t${Math.floor(Date.now() / 1000) + 86_400}\tsid\tfrom-the-file\n`
    )
    const run = await porter(['import', 'chrome:Default', '--name', 'With a file', '--all-sites', '--cookies', file, '--json'])
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('Read 1 cookie of 1 site from')
    expect(run.stderr).not.toContain('from-the-file')
    const job = JSON.parse(run.stdout) as { portability: { sites: unknown[] } }
    expect(job.portability.sites).toContainEqual({ site: 'file-site.com', found: 1, moved: 1, via: ['file'] })
    expect((await porter(['import', 'chrome:Default', '--name', 'x', '--all-sites', '--live', '--cookies', file])).code).toBe(2)
  })

  it('imports one browser profile at a time on this computer', async () => {
    // Another process is importing this profile: here, the test's own process holds the lock.
    const release = await lockProfile(join(root, 'data', 'locks'), 'import:chrome:Default', 'The browser profile chrome:Default')
    const refused = await porter(['import', 'chrome:Default', '--connection', 'WebRun', '--name', 'Twice', '--all-sites'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(
      `Error: The browser profile chrome:Default is already being imported by Profile Porter on this computer (process ${process.pid}), so this import did not start.`
    )
    await release()
    expect(await readdir(join(root, 'data', 'locks'))).toEqual([])
  })

  it('updates a profile from this computer and lists the receipts', async () => {
    const imported = JSON.parse(
      (await porter(['import', 'chrome:Default', '--name', 'CRM only', '--site', 'crm-alpha.com', '--json'])).stdout
    ) as { profileId: string }
    const refreshed = await porter(['refresh', imported.profileId])
    expect(refreshed.stderr).not.toContain('Error')
    expect(refreshed.code).toBe(0)
    expect(refreshed.stdout).toContain(`Updated ${imported.profileId} in This computer.`)
    const receipts = JSON.parse((await porter(['receipts', imported.profileId, '--json'])).stdout) as Array<{
      kind: string
      sites: Array<{ site: string }>
    }>
    expect(receipts.map((receipt) => [receipt.kind, receipt.sites.map((site) => site.site)])).toEqual([
      ['refresh', ['crm-alpha.com']],
      ['import', ['crm-alpha.com']]
    ])
    expect((await porter(['receipts'])).stdout).toMatch(/refresh\s+This computer/)
    expect((await porter(['refresh', 'not-a-profile'])).code).toBe(1)
  })

  it.each([['This computer'], ['WebRun'], ['H']])('imports into %s and lists it', async (connection) => {
    const run = await porter([
      'import',
      'chrome:Default',
      '--connection',
      connection,
      '--name',
      `Work in ${connection}`,
      '--label',
      'team=qa',
      '--all-sites'
    ])
    expect(run.stderr).not.toContain('Error')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`Imported “Work in ${connection}”`)
    const listed = JSON.parse((await porter(['list', '--connection', connection, '--json'])).stdout) as Array<{
      name: string
      status: string
    }>
    expect(listed).toContainEqual(expect.objectContaining({ name: `Work in ${connection}`, status: 'ready' }))
    expect((await readdir(join(root, 'tmp'))).filter((name) => name.startsWith('porter-'))).toEqual([])
  })

  it('downloads, creates and deletes', async () => {
    const created = JSON.parse((await porter(['create', '--name', 'Empty one', '--connection', 'WebRun', '--json'])).stdout) as {
      id: string
      status: string
    }
    expect(created.status).toBe('empty')
    const saved = join(root, 'saved.tar.gz')
    expect((await porter(['download', await readyProfile('WebRun'), '--connection', 'WebRun', '--out', saved])).code).toBe(0)
    await extractArchive(saved, join(root, 'saved'))

    const refused = await porter(['delete', created.id, '--connection', 'WebRun'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('add --yes')
    const deleted = await porter(['delete', created.id, '--connection', 'WebRun', '--yes'])
    expect(deleted.code).toBe(0)
    expect(deleted.stdout).toContain(`Deleted ${created.id}.`)
  })

  it('cancels cleanly on Ctrl-C mid-upload: no temp files, no profile left at WebRun', async () => {
    const before = JSON.parse((await porter(['list', '--connection', 'WebRun', '--json'])).stdout) as unknown[]
    proxy.faults.push({ path: /\/upload$/, action: { kind: 'throttle', bytesPerSecond: 512 * 1024 } })
    // The upload reaching WebRun (the profile exists there, bytes are flowing) is the moment to interrupt.
    const uploading = uploadSeen()
    const { child, run } = started((onStderr) =>
      porter(['import', 'chrome:Default', '--connection', 'WebRun', '--name', 'Interrupted', '--all-sites'], { onStderr })
    )
    await uploading
    ;(await child).kill('SIGINT')
    const done = await run
    expect(done.code).toBe(130)
    expect(done.stderr).toContain('Cancelled. Nothing was left behind.')
    expect((await readdir(join(root, 'tmp'))).filter((name) => name.startsWith('porter-'))).toEqual([])
    expect(JSON.parse((await porter(['list', '--connection', 'WebRun', '--json'])).stdout)).toHaveLength(before.length)
  }, 60_000)

  it('killed mid-upload, leaves nothing for good: the next run removes the half-made profile and says so', async () => {
    const before = JSON.parse((await porter(['list', '--connection', 'WebRun', '--json'])).stdout) as unknown[]
    proxy.faults.push({ path: /\/upload$/, action: { kind: 'throttle', bytesPerSecond: 256 * 1024 } })
    const uploading = uploadSeen()
    const { child, run } = started((onStderr) =>
      porter(['import', 'chrome:Default', '--connection', 'WebRun', '--name', 'Killed', '--all-sites'], { onStderr })
    )
    await uploading
    ;(await child).kill('SIGKILL')
    await run
    const leftBehind = JSON.parse((await porter(['list', '--connection', 'WebRun', '--json'])).stdout) as unknown[]
    // The list above was the next run: it cleaned first, then listed.
    expect(leftBehind).toHaveLength(before.length)
    expect((await readdir(join(root, 'tmp'))).filter((name) => name.startsWith('porter-'))).toEqual([])
    expect(await readdir(join(root, 'data', 'journal'))).toEqual([])
    // Its lock on the browser profile names a process that is gone: the next import takes it over.
    expect(await readdir(join(root, 'data', 'locks'))).toHaveLength(1)
    const after = await porter(['import', 'chrome:Default', '--connection', 'WebRun', '--name', 'After the crash', '--all-sites'])
    expect(after.code).toBe(0)
    expect(await readdir(join(root, 'data', 'locks'))).toEqual([])
  }, 90_000)

  it('downloads only where it makes sense, and says why not in one plain line', async () => {
    const id = await readyProfile('This computer')
    const noFolder = await porter(['download', id, '--out', join(root, 'no-such-folder', 'x.tar.gz')])
    expect(noFolder.code).toBe(1)
    expect(noFolder.stderr).toBe(
      `Error: The folder ${join(root, 'no-such-folder')} does not exist: create it, or choose another place with --out.\n`
    )
    expect((await porter(['download', id, '--out', join(root, 'x.zip')])).stderr).toContain(
      'profiles are tar.gz archives: end the file name with .tar.gz or .tgz.'
    )
    const target = join(root, 'twice.tar.gz')
    expect((await porter(['download', id, '--out', target])).code).toBe(0)
    const again = await porter(['download', id, '--out', target])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('already exists: add --force to replace it')
    expect((await porter(['download', id, '--out', target, '--force'])).code).toBe(0)
    expect((await porter(['download', id, '--out', root])).stderr).toContain('is a folder: give a file name in it')
  })

  it('reports each id it was asked to delete, and fails when one was not there', async () => {
    const created = JSON.parse((await porter(['create', '--name', 'Short-lived', '--connection', 'WebRun', '--json'])).stdout) as {
      id: string
    }
    const run = await porter(['delete', created.id, 'no-such-profile', '--connection', 'WebRun', '--yes'])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(`Deleted ${created.id}.`)
    expect(run.stderr).toContain('No profile no-such-profile in WebRun: nothing to delete')
  })

  it('answers what it cannot use in one sentence, exit code 2', async () => {
    const long = await porter(['import', 'chrome:Default', '--name', 'x'.repeat(101), '--all-sites'])
    expect(long.code).toBe(2)
    expect(long.stderr.trim()).toBe('--name: Names can be at most 100 characters.')
    const unknown = await porter(['import', 'edge:Nope', '--name', 'x', '--all-sites'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('No browser profile “edge:Nope” was found on this computer. Run porter browsers')
    const url = await porter(['connections', 'add', '--kind', 'webrun', '--name', 'Bad', '--url', 'notaurl', '--key-env', 'WEBRUN_KEY'])
    expect(url.code).toBe(2)
    expect(url.stderr).toContain('--url: Enter a full address, like https://agp.eu.hcompany.ai.')
    const local = await porter(['import', 'chrome:Default', '--name', 'x', '--site', 'localhost'])
    expect(local.code).toBe(2)
    expect(local.stderr).toContain('localhost is a name only this computer knows, so it is never sent.')
    const absent = await porter(['archive', 'chrome:Default', '--out', join(root, 'absent.zip'), '--site', 'nothing-here.com'])
    expect(absent.code).toBe(0)
    expect(absent.stderr).toContain('This profile holds no cookies or data for nothing-here.com: nothing of it will travel.')
    expect(
      (await porter(['import', 'chrome:Default', '--name', 'x', '--all-sites', '--cookies', join(root, 'no-such.txt')])).stderr
    ).toContain('There is no cookie file at')
    const labelled = await porter([
      'import',
      'chrome:Default',
      '--connection',
      'WebRun',
      '--name',
      'Labelled',
      '--label',
      'team=qa',
      '--all-sites'
    ])
    expect(labelled.code).toBe(0)
    expect(labelled.stderr).toContain('WebRun keeps no labels: --label is left out.')
  })

  it('prints names from a service with control characters escaped', async () => {
    await porter(['create', '--name', 'evil\u001b[2J name', '--connection', 'WebRun'])
    const listed = await porter(['list', '--connection', 'WebRun'])
    expect(listed.stdout).not.toContain('\u001b[2J')
    expect(listed.stdout).toContain('evil\\u001b[2J name')
  })

  it('names the missing environment variable', async () => {
    const run = await porter(['list', '--connection', 'H'], { extraEnv: { H_KEY: undefined } })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('The API key for “H” is read from H_KEY, which is not set.')
    expect(run.stderr).toContain('Set H_KEY to the key')
  })

  it('answers usage mistakes with exit code 2', async () => {
    expect((await porter(['import', 'chrome:Default'])).code).toBe(2)
    const misspelt = await porter(['archive', 'chrome:Default', '--outt', join(root, 'x.zip')])
    expect(misspelt.code).toBe(2)
    expect(misspelt.stderr).toBe('porter has no option --outt. Did you mean --out?\n\nRun porter --help for usage.\n')
    const noSites = await porter(['import', 'chrome:Default', '--name', 'Work'])
    expect(noSites.code).toBe(2)
    expect(noSites.stderr).toContain('--all-sites')
    expect(
      (await porter(['archive', 'chrome:Default', '--out', join(root, 'x.zip'), '--site', 'a.com', '--include', 'cards'])).stderr
    ).toContain('--include takes history, bookmarks, autofill, passwords; not “cards”.')
    expect(
      (await porter(['connections', 'add', '--kind', 'webrun', '--name', 'x', '--url', 'https://connect.webrun.ai'])).stderr
    ).toContain('--key-env')
  })
})

/** The real CLI on a terminal (a pseudo-terminal made by util-linux's script), as a person at a keyboard runs it. */
function onTerminal(
  args: string[],
  whenShown: (screen: string, type: (keys: string) => void) => void
): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve) => {
    const command = ['exec', process.execPath, PORTER, ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ')
    const child = spawn('script', ['-qefc', command, '/dev/null'], {
      env: { ...env, COLUMNS: '140', LINES: '40' },
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let screen = ''
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString()
      whenShown(screen, (keys) => child.stdin.write(keys))
    })
    child.on('close', (code) => resolve({ code, screen }))
  })
}

/** Debian's own Node (20), older than the README's 22.13, when this machine has one. */
const OLDER_NODE = '/usr/bin/node'
function isOlderNode(): boolean {
  if (!existsSync(OLDER_NODE)) return false
  const [major = 0, minor = 0] = execFileSync(OLDER_NODE, ['--version'], { encoding: 'utf8' }).slice(1).split('.').map(Number)
  return major < 22 || (major === 22 && minor < 13)
}

describe('what a person sees', () => {
  it.runIf(isOlderNode())('on a Node too old to read the browsers’ databases: one line that says so, before anything runs', async () => {
    // Without the check, `sites` ran there and listed every host with 0 cookies.
    const run = await runNode(PORTER, ['sites', 'chrome:Default'], { env, node: OLDER_NODE })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(
      /^Error: Profile Porter needs Node 22\.13 or newer to read the browsers' databases, and this is Node 2\d\.\d+\.\d+\. .*\n$/
    )
  })

  it('a profile its browser has open: archive and import refuse it, and inspect says so, in a terminal’s words', async () => {
    // As a running Chrome marks its user-data folder: this host, and a process that is alive.
    const lock = join(root, 'home/.config/google-chrome/SingletonLock')
    await symlink(`${hostname()}-${process.pid}`, lock)
    try {
      const next = 'Quit Google Chrome completely — also from the tray — then run this again.'
      const out = join(root, 'while-open.zip')
      const archived = await porter(['archive', 'chrome:Default', '--all-sites', '--out', out])
      expect(archived.code).toBe(1)
      expect(archived.stderr).toBe(`Error: Google Chrome is running.\n${next}\n`)
      expect(existsSync(out)).toBe(false)
      const imported = await porter(['import', 'chrome:Default', '--name', 'While open', '--all-sites'])
      expect(imported.code).toBe(1)
      expect(imported.stderr).toContain(`Error: Google Chrome is running.\n${next}\n`)
      const inspected = await porter(['inspect', 'chrome:Default'])
      expect(inspected.code).toBe(1)
      expect(inspected.stdout).toContain(`✖ ${next}`)
    } finally {
      await rm(lock)
    }
  })

  it('a connection the app made (its key in the app’s own store) says why a terminal cannot use it, and what to do', async () => {
    const store = openConnectionStore(join(root, 'data'))
    const before = store.all()
    store.save([...before, { id: 'made-in-the-app', kind: 'webrun', name: 'From the app', baseUrl: cloud.url, keyHint: 'enig…_dev' }])
    try {
      const run = await porter(['list', '--connection', 'From the app'])
      expect(run.code).toBe(1)
      expect(run.stderr).toBe(
        'Error: No API key is saved for “From the app”.\nThe app keeps this key where a terminal cannot read it: add the account again for the terminal, under another name, with porter connections add … --key-env VARIABLE.\n'
      )
    } finally {
      store.save(before)
    }
  })

  it('--out into a missing folder: one plain sentence, nothing left behind, and no false notice next time', async () => {
    const missing = join(root, 'not-made-yet')
    const run = await porter(['archive', 'chrome:Default', '--all-sites', '--out', join(missing, 'work.zip')])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(`Error: The folder ${missing} does not exist: create it, or choose another place with --out.\n`)
    expect((await readdir(join(root, 'tmp'))).filter((name) => name.startsWith('porter-'))).toEqual([])
    const next = await porter(['browsers'])
    expect(next.stderr).toBe('')
  })

  it('shows one progress bar in human units with speed and time left, and draws nothing more after Ctrl-C', async () => {
    const id = await readyProfile('WebRun')
    proxy.faults.push({ method: 'GET', path: /^\/webrun-storage\//, action: { kind: 'throttle', bytesPerSecond: 256 * 1024 } })
    const target = join(root, 'on-a-terminal.tar.gz')
    let pressed = false
    const { code, screen } = await onTerminal(['download', id, '--connection', 'WebRun', '--out', target], (shown, type) => {
      // Once the bar shows a speed and a time left, the person presses Ctrl-C.
      if (
        !pressed &&
        /Downloading \[[=-]+\] \d+% \| [\d.]+ (KB|MB) of [\d.]+ MB \| [\d.]+ (KB|MB)\/s \| about \d+ (s|min) left/.test(shown)
      ) {
        pressed = true
        type('\u0003')
      }
    })
    expect(pressed).toBe(true)
    expect(code).toBe(130)
    // Every field filled, every size in units: no "{phase}", no 3145728-byte counts, no "ETA NFs".
    // eslint-disable-next-line no-control-regex -- the terminal's own escapes are not what the person reads
    const words = screen.replace(/\u001b\[[\d;?]*[A-Za-z]|\u001b[78]/g, '')
    expect(words).not.toMatch(/[{}]|\d{5,}|ETA|NaN|undefined/)
    const [, afterCtrlC = ''] = words.split('Cancelling…')
    expect(afterCtrlC).not.toMatch(/\[[=-]{5,}\]/)
    expect(afterCtrlC).toContain('Cancelled. Nothing was left behind.')
    expect((await readdir(root)).filter((name) => name.startsWith('on-a-terminal'))).toEqual([])
  }, 60_000)

  it('connections add tests the key first, as the window does; --no-test skips the test', async () => {
    const add = (name: string, variable: string, ...more: string[]) =>
      porter(['connections', 'add', '--kind', 'webrun', '--name', name, '--url', proxy.url, '--key-env', variable, ...more], {
        extraEnv: { WRONG_KEY: 'enig_not_the_key' }
      })
    const refused = await add('Wrong key', 'WRONG_KEY')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe(
      'Error: WebRun refused the API key. WebRun said: “Invalid or revoked API key” Check the key in WRONG_KEY, then test again.\nTo add it without testing, run this again with --no-test.\n'
    )
    const names = async () =>
      (JSON.parse((await porter(['connections', 'list', '--json'])).stdout) as Array<{ name: string }>).map((c) => c.name)
    expect(await names()).not.toContain('Wrong key')

    const untested = await add('Wrong key', 'WRONG_KEY', '--no-test')
    expect(untested.code).toBe(0)
    expect(untested.stdout).toBe('Added “Wrong key” without testing it; its key is read from WRONG_KEY.\n')
    const tested = await add('Right key', 'WEBRUN_KEY')
    expect(tested.code).toBe(0)
    expect(tested.stdout).toMatch(/^Added “Right key” \(connected, \d+ profiles? found\); its key is read from WEBRUN_KEY\.\n$/)
    expect(await names()).toEqual(expect.arrayContaining(['Wrong key', 'Right key']))
    await porter(['connections', 'remove', 'Wrong key'])
    await porter(['connections', 'remove', 'Right key'])
  })
})

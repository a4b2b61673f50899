import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { version } from '../../../package.json'
import { runNode } from '../../../test/support/run-node'
import { bridgeShellAdapters } from '../../bridge/bridge-shell'
import { recoverInterruptedRuns } from '../app/recover'
import { createServices } from '../create-services'
import type { PorterServices } from '../api/porter-services'
import { makeArchive } from '../../../test/support/archives'

const PORTER = join(__dirname, '../../../bin/porter.cjs')
const GONE = 999_999

let root: string
let dataDir: string
let services: PorterServices
const journalDir = () => join(dataDir, 'journal')
const recover = () => recoverInterruptedRuns({ ...services, isAlive: () => false })

/** An entry as a forger (or a damaged disk) would leave it, not as a job writes it. */
async function forge(name: string, entry: unknown): Promise<void> {
  await mkdir(journalDir(), { recursive: true })
  await writeFile(join(journalDir(), `${name}.json`), typeof entry === 'string' ? entry : JSON.stringify(entry))
}

const entry = (fields: Record<string, unknown>) => ({ jobId: 'forged', pid: GONE, connectionId: 'local', startedAt: '', ...fields })

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-journal-'))
  dataDir = join(root, 'data')
  services = createServices(
    { platform: 'linux', home: join(root, 'home'), env: {}, dataDir, tempRoot: join(root, 'tmp'), now: () => new Date() },
    bridgeShellAdapters(join(root, 'downloads')),
    { version, shell: 'bridge' }
  )
  await mkdir(join(root, 'tmp'), { recursive: true })
  await mkdir(services.journal.workDir, { recursive: true })
})
afterEach(() => rm(root, { recursive: true, force: true }))

describe('a journal entry is acted on only when it proves itself', () => {
  it('one naming a file outside the work folder is set aside, said, and the file stays', async () => {
    const thesis = join(root, 'home/Documents/thesis.docx')
    await mkdir(join(thesis, '..'), { recursive: true })
    await writeFile(thesis, 'four years of work')
    await forge('thesis', entry({ partFile: thesis }))
    // A link inside the work folder that leads out of it is outside too, once resolved.
    await symlink(join(root, 'home/Documents'), join(services.journal.workDir, 'documents'))
    await forge('through-a-link', entry({ jobId: 'linked', partFile: join(services.journal.workDir, 'documents/thesis.docx') }))
    const recovered = await recover()
    expect(recovered).toMatchObject({ partFiles: 0, setAside: 2 })
    expect(await readFile(thesis, 'utf8')).toBe('four years of work')
    const [notice] = services.notices.take()
    expect(notice?.message).toMatch(
      /^2 notes about an interrupted transfer could not be trusted, so nothing was done with them: it names a file outside Profile Porter’s work folder \(moved to .*set-aside/
    )
    expect((await readdir(journalDir())).filter((name) => name.endsWith('.json'))).toEqual([])
    expect(await readdir(join(journalDir(), 'set-aside'))).toHaveLength(2)
  })

  it('one naming a remote profile this computer did not record making is set aside; the profile stays', async () => {
    const library = await services.connections.serviceFor('local')
    const kept = await library.importArchive(await makeArchive(root, 'tgz'), { name: 'Mine', browserFamily: 'chromium' })
    await forge('someone-elses', entry({ madeProfileId: kept.id }))
    expect(await recover()).toMatchObject({ remoteProfiles: 0, setAside: 1 })
    expect((await library.list()).map((profile) => profile.id)).toEqual([kept.id])
    expect(services.notices.take()[0]?.message).toContain('it names a remote profile this computer has no record of making')
  })

  it.each([
    ['a part file that is a number', entry({ partFile: 42 })],
    ['cut short by the crash', '{"jobId": "j", "pid": '],
    ['not an entry at all', '[1, 2, 3]']
  ])('a damaged one (%s) is moved aside with a message, and every command still works', async (_case, damaged) => {
    await forge('damaged', damaged)
    const run = await runNode(PORTER, ['list', '--json'], { env: { PATH: process.env['PATH'], PORTER_DATA: dataDir, PORTER_HOME: root } })
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(
      /^A note about an interrupted transfer could not be trusted, so nothing was done with it: it is damaged \(moved to .*\)\./
    )
    expect(await readdir(join(journalDir(), 'set-aside'))).toHaveLength(1)
    expect(await recover()).toMatchObject({ setAside: 0 })
  })

  it('a part file that is a folder inside the work folder is set aside, the folder untouched', async () => {
    const folder = join(services.journal.workDir, 'a-folder')
    await mkdir(folder)
    await writeFile(join(folder, 'inside'), 'x')
    await forge('folder', entry({ partFile: folder }))
    expect(await recover()).toMatchObject({ setAside: 1 })
    expect(await readdir(folder)).toEqual(['inside'])
  })

  it('what a job wrote is undone: its download in the work folder, and the profile it recorded making', async () => {
    const library = await services.connections.serviceFor('local')
    const half = await library.importArchive(await makeArchive(root, 'tgz'), { name: 'Half', browserFamily: 'chromium' })
    const part = join(services.journal.workDir, 'job-1.download')
    await writeFile(part, 'half a download')
    await writeFile(`${part}.part`, 'and its part')
    await services.journal.write({ jobId: 'job-1', pid: GONE, connectionId: 'local', startedAt: '', partFile: part })
    await services.journal.write({ jobId: 'job-2', pid: GONE, connectionId: 'local', startedAt: '', madeProfileId: half.id })
    expect(await recover()).toMatchObject({ partFiles: 1, remoteProfiles: 1, setAside: 0, remaining: 0 })
    expect(await readdir(services.journal.workDir)).toEqual([])
    expect(await library.list()).toEqual([])
    // Done with: the record goes with the entry, so the same id cannot be named again.
    expect(await services.journal.made.has('local', half.id)).toBe(false)
  })
})

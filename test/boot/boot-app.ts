import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { chromiumTree } from '../fixtures/browser-trees'
import { runNode } from '../support/run-node'

export interface Report {
  problems: string[]
  [key: string]: unknown
}

export interface BootOptions {
  platform?: string
  storageBackend?: string
  encryptionAvailable?: boolean
  messageBoxAnswers?: number[]
  bigProfile?: boolean
  prepare?: (dataDir: string) => Promise<void>
  /** An installed build of this version, with this feed in resources/app-update.yml. */
  installed?: { version: string; feed: string }
  env?: NodeJS.ProcessEnv
}

/** One start of the built app in its own Node process, with the stand-in Electron, in `root/scenario`. */
export async function boot(root: string, scenario: string, options: BootOptions = {}): Promise<Report> {
  const dir = join(root, scenario)
  const home = join(dir, 'home')
  const userData = join(dir, 'data')
  const resources = join(dir, 'resources')
  if (options.installed !== undefined) {
    await mkdir(resources, { recursive: true })
    await writeFile(
      join(resources, 'app-update.yml'),
      `provider: generic\nurl: ${options.installed.feed}\nupdaterCacheDirName: profile-porter-updater\n`
    )
    // The AppImage this build runs from, which an update replaces.
    await mkdir(join(home, 'apps'), { recursive: true })
    await writeFile(join(home, 'apps', `Profile-Porter-${options.installed.version}-x86_64.AppImage`), 'the installed version')
  }
  await mkdir(join(dir, 'temp'), { recursive: true })
  // Save dialogs offer only folders that exist, as a person's Downloads does.
  await mkdir(join(dir, 'downloads'), { recursive: true })
  await mkdir(userData, { recursive: true })
  await chromiumTree(join(home, '.config/google-chrome'), {
    lastVersion: '142.0.7444.59',
    profiles: [
      {
        folder: 'Default',
        name: 'Work',
        files: options.bigProfile === true ? { 'IndexedDB/big.blob': randomBytes(120 * 1024 * 1024) } : {}
      }
    ]
  })
  await options.prepare?.(userData)
  const config = {
    platform: options.platform,
    storageBackend: options.storageBackend,
    encryptionAvailable: options.encryptionAvailable,
    messageBoxAnswers: options.messageBoxAnswers,
    paths: { home, userData, temp: join(dir, 'temp'), downloads: join(dir, 'downloads'), logs: join(userData, 'logs') },
    ...(options.installed === undefined ? {} : { packaged: true, version: options.installed.version, resourcesPath: resources })
  }
  const run = await runNode(join(__dirname, 'run-scenario.cjs'), [scenario, JSON.stringify(config)], {
    env: {
      PATH: process.env['PATH'],
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      ...(options.installed === undefined
        ? {}
        : { APPIMAGE: join(home, 'apps', `Profile-Porter-${options.installed.version}-x86_64.AppImage`) }),
      ...options.env
    }
  })
  try {
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as Report
    // A problem comes with what the app printed, so a failure says why.
    if (report.problems.length > 0) {
      const log = await readFile(join(userData, 'logs', 'main.log'), 'utf8').catch(() => '')
      report.problems.push(`stderr: ${run.stderr}`, `log: ${log}`)
    }
    return report
  } catch {
    throw new Error(`the scenario printed no report.\nstdout: ${run.stdout}\nstderr: ${run.stderr}`)
  }
}

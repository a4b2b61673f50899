import { spawn } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface WindowsRun {
  code: number | null
  stdout: string
  stderr: string
}

/** A Linux path as the Windows program sees it: Wine maps / to drive Z:. */
export function windowsPath(linuxPath: string): string {
  return `Z:${linuxPath.replaceAll('/', '\\')}`
}

/** The Windows build of Node (scripts/test-windows.mjs fetched it), and the Wine prefix it runs in. */
function windowsNode(): string {
  const node = process.env['PORTER_WINDOWS_NODE']
  if (node === undefined || process.env['WINEPREFIX'] === undefined) throw new Error('Start the Windows run with npm run test:windows.')
  return node
}

/**
 * A Windows program under Wine, as a person would start it. Its output goes to files: Windows
 * Node cannot write to a Linux pipe (it fails to open one as stdout under Wine). `during` runs
 * while the program does, reading its stderr so far, to act as a person would when it asks.
 */
export async function runWindows(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; program?: string; during?: (stderr: () => Promise<string>) => Promise<void> } = {}
): Promise<WindowsRun> {
  const dir = await mkdtemp(join(tmpdir(), 'porter-wine-run-'))
  try {
    const out = openSync(join(dir, 'stdout'), 'w')
    const err = openSync(join(dir, 'stderr'), 'w')
    const ended = new Promise<number | null>((resolve, reject) => {
      const child = spawn('wine', [options.program ?? windowsNode(), ...args], {
        cwd: options.cwd ?? process.cwd(),
        env: { ...process.env, ...options.env },
        stdio: ['ignore', out, err]
      })
      child.on('error', reject)
      child.on('close', resolve)
    })
    const [code] = await Promise.all([ended, options.during?.(() => readFile(join(dir, 'stderr'), 'utf8'))])
    closeSync(out)
    closeSync(err)
    return { code, stdout: await readFile(join(dir, 'stdout'), 'utf8'), stderr: await readFile(join(dir, 'stderr'), 'utf8') }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

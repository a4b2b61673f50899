import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const NAME = 'pack-worker'

/**
 * Where the packing thread's code is. Built, it sits beside the bundle that runs (out/main for the
 * app, inside app.asar: Electron reads asar files from worker threads since 18, electron/electron
 * #33216; out/bench for a bench); run from the sources (tests, the CLI, `npm run web`), it is the
 * TypeScript file, which tsx compiles in the thread as it does in the process.
 */
export function packWorkerScript(): { file: string; execArgv: string[] } {
  if (!__filename.endsWith('.ts')) return { file: join(__dirname, `${NAME}.js`), execArgv: [] }
  const tsx = pathToFileURL(createRequire(__filename).resolve('tsx')).href
  return { file: join(__dirname, `${NAME}.ts`), execArgv: ['--import', tsx] }
}

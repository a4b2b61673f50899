import { dirname, join } from 'node:path'
import { build, type BuildOptions } from 'esbuild'

// koffi loads its native module from beside itself, as in the app (where it stays a package).
const options: BuildOptions = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', logLevel: 'silent', external: ['koffi'] }

/**
 * A bench child bundled and run with plain node, as Electron runs the app: a TypeScript loader
 * would add its own memory. The packing thread's code lands beside it, as it does in the app.
 */
export async function bundleForBench(entry: string): Promise<string> {
  const outfile = join(__dirname, '../out/bench', entry.replace(/\.ts$/, '.cjs'))
  await build({ ...options, entryPoints: [join(__dirname, entry)], outfile })
  await build({
    ...options,
    entryPoints: [join(__dirname, '../electron/services/archive/pack-worker.ts')],
    outfile: join(dirname(outfile), 'pack-worker.js')
  })
  return outfile
}

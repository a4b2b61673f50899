import { join } from 'node:path'
import { build } from 'esbuild'

/**
 * A bench child bundled and run with plain node, as Electron runs the app: a TypeScript loader
 * would add its own memory. It lands in out/bench/ so sql.js (left outside, as in the app) and its
 * .wasm resolve from the project's node_modules.
 */
export async function bundleForBench(entry: string): Promise<string> {
  const outfile = join(__dirname, '../out/bench', entry.replace(/\.ts$/, '.cjs'))
  await build({
    entryPoints: [join(__dirname, entry)],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    outfile,
    external: ['sql.js'],
    logLevel: 'silent'
  })
  return outfile
}

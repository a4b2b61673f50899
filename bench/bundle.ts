import { join } from 'node:path'
import { build } from 'esbuild'

/** A bench child bundled and run with plain node, as Electron runs the app: a TypeScript loader would add its own memory. */
export async function bundleForBench(entry: string): Promise<string> {
  const outfile = join(__dirname, '../out/bench', entry.replace(/\.ts$/, '.cjs'))
  await build({
    entryPoints: [join(__dirname, entry)],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    outfile,
    logLevel: 'silent'
  })
  return outfile
}

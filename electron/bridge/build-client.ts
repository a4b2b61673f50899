import { join } from 'node:path'
import { build } from 'esbuild'

/** Bundles the page-side bridge client (and the shared contract it uses) into one classic script. */
export async function buildBridgeClient(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'browser/bridge-client.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    write: false,
    logLevel: 'silent'
  })
  const [output] = result.outputFiles
  if (output === undefined) throw new Error('The bridge client did not build.')
  return output.text
}

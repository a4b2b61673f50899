// `npm run build:cli`: the porter CLI as one CommonJS file, out/cli/porter.cjs, bundled the way the
// app's main bundle is (everything in it except the runtime `dependencies`, which load files from
// beside themselves: sql.js its .wasm, koffi its native module). The Windows run starts this file.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

await build({
  entryPoints: [join(root, 'electron/cli/porter.ts')],
  outfile: join(root, 'out/cli/porter.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: Object.keys(dependencies),
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning'
})

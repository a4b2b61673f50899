// `npm run build:cli`: the porter CLI as one CommonJS file, out/cli/porter.cjs, bundled the way the
// app's main bundle is (everything in it except the runtime `dependencies`, which load files from
// beside themselves: koffi its native module), with the packing thread's code beside it
// (out/cli/pack-worker.js, where pack-worker-script.ts looks). The Windows run starts this file.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', external: Object.keys(dependencies), logLevel: 'warning' }
await Promise.all([
  build({
    ...common,
    entryPoints: [join(root, 'electron/cli/porter.ts')],
    outfile: join(root, 'out/cli/porter.cjs'),
    banner: { js: '#!/usr/bin/env node' }
  }),
  build({ ...common, entryPoints: [join(root, 'electron/services/archive/pack-worker.ts')], outfile: join(root, 'out/cli/pack-worker.js') })
])

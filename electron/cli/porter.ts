import { unsupportedNode } from '../services/sqlite/node-support'
import { main } from './main'

const unsupported = unsupportedNode()
if (unsupported !== undefined) {
  process.stderr.write(`Error: ${unsupported}\n`)
  process.exit(1)
}

/** `porter` as a program: `npx porter` runs this source, `npm run build:cli` bundles it into out/cli/porter.cjs. */
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
)

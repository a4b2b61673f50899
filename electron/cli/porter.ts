import { main } from './main'

/** `porter` as a program: `npx porter` runs this source, `npm run build:cli` bundles it into out/cli/porter.cjs. */
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
)

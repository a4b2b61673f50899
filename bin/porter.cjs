#!/usr/bin/env node
// `npx porter` inside the repository: the CLI's TypeScript runs through tsx, which the repo already uses.
require('tsx/cjs/api').register()
const { main } = require('../electron/cli/main.ts')

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
)

#!/usr/bin/env node
// `npx porter` inside the repository: the CLI's TypeScript runs through tsx, which the repo already uses.
require('tsx/cjs/api').register()
require('../electron/cli/porter.ts')

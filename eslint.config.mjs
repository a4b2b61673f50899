import { builtinModules } from 'node:module'
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)]

const electronOnlyInShell = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron; services are plain Node.'
}

const ipcOnlyInWiring = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer', 'contextBridge'],
  message: 'IPC goes through the shared contract: electron/main/ipc.ts and electron/preload/index.ts only.'
}

/**
 * zod's `z` object holds every export, its ~40 locales included, so esbuild (the CLI, the bench
 * children) bundled all of it: the CLI was 0.56 MB larger and started with 6 MB more memory.
 */
const zodAsNamespace = {
  selector: "ImportDeclaration[source.value='zod'] > :matches(ImportSpecifier[imported.name='z'], ImportDefaultSpecifier)",
  message: "Use `import * as z from 'zod'`: the `z` object bundles all of zod, every locale included."
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
      'no-restricted-syntax': ['error', zodAsNamespace]
    }
  },
  {
    // ICU's data is loaded by a process's first Intl object or localeCompare: 3–15 MB of peak
    // memory in a Node process. The services (main process, packing thread, CLI) load it only when a
    // message needs it; the window's renderer has Chromium's loaded anyway.
    files: ['electron/**/*.ts', 'shared/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'localeCompare', message: 'Use textOrder (shared/text-order.ts): localeCompare loads ICU collation data.' }
      ],
      'no-restricted-syntax': [
        'error',
        // Options replace the earlier block's for these files, so zod's rule is given again.
        zodAsNamespace,
        {
          selector: "Program > VariableDeclaration > VariableDeclarator > NewExpression[callee.object.name='Intl']",
          message: 'Make Intl objects when first needed: one made as a module loads costs every process ICU’s data.'
        }
      ]
    }
  },
  {
    // CommonJS on purpose: the CLI's launcher, the boot test's stand-in for the electron module, and
    // the Windows run's helper that Windows Node runs as it is.
    files: ['bin/**/*.cjs', 'test/boot/**/*.cjs', 'test/windows/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcOnlyInWiring] }] }
  },
  {
    files: ['electron/main/ipc.ts', 'electron/preload/index.ts'],
    rules: { 'no-restricted-imports': 'off' }
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}', 'shared/**/*.ts', 'electron/bridge/browser/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer has no Electron: use window.porter through lib/porter.' },
            ...nodeModules.map((name) => ({ name, message: 'Code that runs in the page cannot use Node modules.' }))
          ]
        }
      ]
    }
  }
)

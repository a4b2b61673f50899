import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { rendererConfig } from './renderer/vite-config'

export default defineConfig({
  main: {
    build: {
      // Only `dependencies` (there are none: SQLite is Node's own) would stay outside the bundle;
      // everything else, ESM-only packages such as conf included, is bundled, since an ESM
      // package required from inside app.asar is known to fail.
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // Packing runs on a thread of its own (electron/services/archive/pack-in-worker.ts), from out/main/pack-worker.js.
          'pack-worker': resolve(__dirname, 'electron/services/archive/pack-worker.ts')
        },
        // A package loaded on first use (koffi, only on Windows) is require()d, as in any CommonJS
        // file: import() would go through Node's ES module loader, with its own rules inside app.asar.
        output: { dynamicImportInCjs: false }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() packages, so anything it uses is bundled in.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } }
    }
  },
  renderer: rendererConfig()
})

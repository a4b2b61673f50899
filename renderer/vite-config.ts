import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import type { UserConfig } from 'vite'
import { CSP_NONCE_PLACEHOLDER } from '../shared/csp-nonce'

/**
 * The renderer's Vite configuration, shared by electron-vite and the dev-server test. Every style
 * and script tag Vite writes, and every style its development server injects, carries the CSP nonce,
 * so style-src needs no 'unsafe-inline' in development or production.
 */
export function rendererConfig(): UserConfig {
  return {
    root: resolve(__dirname),
    html: { cspNonce: CSP_NONCE_PLACEHOLDER },
    build: {
      // electron-vite leaves the renderer unminified; a minified bundle loads and parses faster.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'index.html') } }
    },
    plugins: [react()]
  }
}

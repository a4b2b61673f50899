import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join, posix } from 'node:path'
import { extractFile, listPackage } from '@electron/asar'
import { build, Platform } from 'electron-builder'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import builderConfig from '../electron-builder.json'

const repo = join(__dirname, '..')
let work: string
let asar: string
let files: Set<string>

/** What the running app would read: a file inside app.asar, by its path from the package root. */
const read = (path: string) => extractFile(asar, path).toString('utf8')

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'porter-package-'))
  // Our machines cannot download Electron, so the package is built around a stand-in distribution:
  // electron-builder copies it as it would copy the real one, and packs the app beside it.
  const electronDist = join(work, 'electron-dist')
  await mkdir(electronDist)
  await writeFile(join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in for Electron"\n')
  await chmod(join(electronDist, 'electron'), 0o755)
  await writeFile(join(electronDist, 'version'), '45.4.1')
  const output = join(work, 'dist')
  await build({
    projectDir: repo,
    targets: Platform.LINUX.createTarget('dir'),
    config: { ...(builderConfig as object), electronDist, electronVersion: '45.4.1', directories: { ...builderConfig.directories, output } }
  })
  asar = join(output, 'linux-unpacked', 'resources', 'app.asar')
  files = new Set(listPackage(asar, { isPack: false }).map((path) => path.split('\\').join('/')))
}, 120_000)

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

/** Every `require("…")` a bundle makes, which must be Node's own, Electron, or a package inside the asar. */
function requiresOf(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1] as string))]
}

function packageMain(name: string): string {
  const manifest = JSON.parse(read(`node_modules/${name}/package.json`)) as { main?: string }
  return posix.join('/node_modules', name, manifest.main ?? 'index.js')
}

describe('the packaged app (Linux, unpacked, around a stand-in Electron)', () => {
  it('holds the three bundles and starts from the main one', () => {
    expect(JSON.parse(read('package.json')).main).toBe('out/main/index.js')
    for (const file of ['/out/main/index.js', '/out/preload/index.js', '/out/renderer/index.html']) expect(files).toContain(file)
  })

  it('holds every file the main bundle opens beside itself, the icon included', () => {
    const main = read('out/main/index.js')
    const relative = [...main.matchAll(/__dirname, "([^"]+)"/g)].map((match) => match[1] as string)
    expect(relative.sort()).toEqual(['../../resources/icon.png', '../preload/index.js', '../renderer'])
    for (const path of relative) {
      const target = posix.join('/out/main', path)
      expect(
        [...files].some((file) => file === target || file.startsWith(`${target}/`)),
        target
      ).toBe(true)
    }
  })

  it('resolves every require of main inside the package, and the preload needs only electron', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)])
    for (const name of requiresOf(read('out/main/index.js'))) {
      if (builtins.has(name) || name === 'electron') continue
      const inside = name.startsWith('.') ? posix.join('/out/main', name) : packageMain(name)
      expect(files, `${name} is required by main`).toContain(inside)
    }
    expect(requiresOf(read('out/preload/index.js'))).toEqual(['electron'])
  })

  it('holds the packing thread beside the main bundle, with everything it requires', () => {
    expect(read('out/main/index.js')).toContain('"pack-worker"')
    expect(files).toContain('/out/main/pack-worker.js')
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)])
    const worker = requiresOf(read('out/main/pack-worker.js'))
    expect(worker).not.toContain('electron')
    for (const name of worker.filter((name) => !builtins.has(name))) expect(files).toContain(posix.join('/out/main', name))
  })

  it('carries no package and no WebAssembly beside the bundles: SQLite is the one built into Electron’s Node', () => {
    expect([...files].filter((file) => file.startsWith('/node_modules/') || file.endsWith('.wasm'))).toEqual([])
    const main = [...files].filter((file) => file.startsWith('/out/main/') && file.endsWith('.js')).map((file) => read(file.slice(1)))
    expect(main.some((code) => code.includes('getBuiltinModule("node:sqlite")'))).toBe(true)
  })

  it('holds every script and style the renderer page loads, and nothing of the sources', () => {
    const html = read('out/renderer/index.html')
    const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((match) => `/out/renderer/${match[1] as string}`)
    expect(assets.length).toBeGreaterThanOrEqual(2)
    for (const asset of assets) expect(files).toContain(asset)
    expect(
      [...files].filter((file) => /^\/(electron|renderer|shared|server|test|e2e|bench)\//.test(file) || file.endsWith('.map'))
    ).toEqual([])
  })
})

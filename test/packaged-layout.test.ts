import { readFileSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join, posix } from 'node:path'
import { extractFile, listPackage, statFile } from '@electron/asar'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { build, Platform } from 'electron-builder'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import builderConfig from '../electron-builder.json'

const repo = join(__dirname, '..')
let work: string
let asar: string
let unpacked: string
let files: Set<string>

/**
 * The fuse wire of Electron's own binary as it ships: the sentinel, the wire's version (1) and
 * length, then one byte per fuse ('1' on, '0' off) at Electron's defaults: RunAsNode on, cookie
 * encryption off, NODE_OPTIONS on, --inspect on, asar integrity off, only-app-from-asar off,
 * browser V8 snapshot off, file:// extra privileges on.
 */
/** How a fuse reads on the wire: the characters '1' and '0'. */
const ON = 0x31
const OFF = 0x30
const STAND_IN_FUSE_WIRE = Buffer.concat([Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8]), Buffer.from('10110001')])

/** What the running app would read: a file inside app.asar, by its path from the package root. */
const read = (path: string) => extractFile(asar, path).toString('utf8')

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'porter-package-'))
  // Our machines cannot download Electron, so the package is built around a stand-in distribution:
  // electron-builder copies it as it would copy the real one, and packs the app beside it.
  const electronDist = join(work, 'electron-dist')
  await mkdir(electronDist)
  await writeFile(
    join(electronDist, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in for Electron"\nexit 0\n'), STAND_IN_FUSE_WIRE])
  )
  await chmod(join(electronDist, 'electron'), 0o755)
  await writeFile(join(electronDist, 'version'), '45.4.1')
  const output = join(work, 'dist')
  // electron-builder also reads electron-builder.json itself; a `publish` list given twice is merged
  // into its first entry (and refused), so the one on disk is the one used.
  const { publish: _onDisk, ...config } = builderConfig
  await build({
    projectDir: repo,
    targets: Platform.LINUX.createTarget('dir'),
    config: { ...(config as object), electronDist, electronVersion: '45.4.1', directories: { ...builderConfig.directories, output } },
    publish: 'never'
  })
  unpacked = join(output, 'linux-unpacked')
  asar = join(unpacked, 'resources', 'app.asar')
  files = new Set(listPackage(asar, { isPack: false }).map((path) => path.split('\\').join('/')))
}, 120_000)

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

/**
 * Every `require("…")` a bundle makes, which must be Node's own, Electron, or a package inside the asar.
 * A require inside a template literal is code ajv (in conf) can generate for standalone use, never run.
 */
function requiresOf(code: string): string[] {
  return [...new Set([...code.matchAll(/(?<!`)\brequire\("([^"]+)"\)/g)].map((match) => match[1] as string))]
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
    // The IPC contract's schemas are the window's business: zod in the thread's code cost every
    // start ~30 ms of loading (issue 25), and the thread never validates a message with it.
    const loaded = [
      read('out/main/pack-worker.js'),
      ...worker.filter((name) => !builtins.has(name)).map((name) => read(posix.join('out/main', name)))
    ]
    expect(loaded.filter((code) => code.includes('ZodError'))).toEqual([])
  })

  it('carries no package but koffi and no WebAssembly beside the bundles: SQLite is the one built into Electron’s Node', () => {
    expect([...files].filter((file) => file.endsWith('.wasm'))).toEqual([])
    expect([...new Set([...files].filter((file) => file.startsWith('/node_modules/')).map((file) => file.split('/')[2]))]).toEqual([
      'koffi'
    ])
    const main = [...files].filter((file) => file.startsWith('/out/main/') && file.endsWith('.js')).map((file) => read(file.slice(1)))
    expect(main.some((code) => code.includes('getBuiltinModule("node:sqlite")'))).toBe(true)
  })

  it('unpacks koffi’s native module to exactly where koffi’s loader requires it, for this platform only', async () => {
    // Electron reads a file the asar header marks unpacked from app.asar.unpacked; a .node file must be
    // a real file for the OS to load it. koffi's index.js requires ./build/koffi/<platform>_<arch>/koffi.node.
    const loader = read('node_modules/koffi/index.js')
    const wanted = [...loader.matchAll(/require\("\.\/(build\/koffi\/([a-z0-9]+)_[a-z0-9]+\/koffi\.node)"\)/g)]
      .filter((match) => match[2] === process.platform)
      .map((match) => `node_modules/koffi/${match[1] as string}`)
    expect(wanted).toContain(`node_modules/koffi/build/koffi/linux_${process.arch}/koffi.node`)
    for (const path of wanted) {
      expect((statFile(asar, path) as { unpacked?: boolean }).unpacked, path).toBe(true)
      expect((await stat(join(`${asar}.unpacked`, path))).size, path).toBeGreaterThan(100_000)
    }
    // The unpacked binary is a working koffi for this Node (Electron's is N-API too, so no rebuild).
    const native = { exports: {} as { version?: string } }
    process.dlopen(native, join(`${asar}.unpacked`, `node_modules/koffi/build/koffi/linux_${process.arch}/koffi.node`))
    expect(native.exports.version).toBe(JSON.parse(read('node_modules/koffi/package.json')).version)
    // Other platforms' builds (about 24 MB; musl's too, for systems Electron's Linux builds do not target) stay out.
    expect([...files].filter((file) => /^\/node_modules\/koffi\/build\/koffi\/(win32|darwin|freebsd|openbsd|musl)_/.test(file))).toEqual([])
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

  it('ships its Electron with the fuses flipped: no running as Node, no NODE_OPTIONS or --inspect, encrypted cookies, the app only from its checked asar', async () => {
    const expected = {
      [FuseV1Options.RunAsNode]: OFF,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: OFF,
      [FuseV1Options.EnableNodeCliInspectArguments]: OFF,
      [FuseV1Options.EnableCookieEncryption]: ON,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: ON,
      [FuseV1Options.OnlyLoadAppFromAsar]: ON
    }
    // Read back from the packaged binary's own wire, as Electron reads it when it starts.
    const wire = await getCurrentFuseWire(join(unpacked, 'profile-porter'))
    const shipped = Object.fromEntries(Object.keys(expected).map((fuse) => [fuse, wire[Number(fuse) as FuseV1Options]]))
    expect(shipped).toEqual(expected)
    // Fuses nobody asked about keep Electron's defaults.
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(ON)
    // Windows and macOS builds (not buildable here) get the same, from the one config.
    expect(builderConfig.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true
    })
  })

  it('carries the update feed set at build time, where electron-updater reads it', () => {
    const feed = readFileSync(join(unpacked, 'resources', 'app-update.yml'), 'utf8')
    expect(feed).toContain('provider: generic')
    expect(feed).toContain(`url: ${builderConfig.publish[0]?.url ?? ''}`)
    expect(feed).toMatch(/updaterCacheDirName: profile-porter-updater/)
  })
})

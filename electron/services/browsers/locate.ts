import { readdir, realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Platform } from '../os/paths'
import { browserCatalog, type BrowserDef, type Packaging, type PathBase, type PathSpec } from './catalog'

export interface LocateFacts {
  platform: Platform
  home: string
  env: NodeJS.ProcessEnv
}

export interface BrowserRoot {
  browser: BrowserDef
  dir: string
  packaging: Packaging
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}

/**
 * The folders a path can start from on this OS, honouring the environment with fallbacks. With
 * PORTER_HOME set, that folder is the whole home on every OS (the scan's home is PORTER_HOME): the
 * folders the environment would point elsewhere (LOCALAPPDATA, APPDATA, XDG_CONFIG_HOME …) are its own.
 */
function baseFolder(base: PathBase, facts: LocateFacts): string | undefined {
  const { platform, home, env } = facts
  const fromEnv = (name: string) => (nonEmpty(env['PORTER_HOME']) === undefined ? nonEmpty(env[name]) : undefined)
  switch (base) {
    case 'home':
      return home
    case 'localAppData':
      return platform === 'win32' ? (fromEnv('LOCALAPPDATA') ?? join(home, 'AppData', 'Local')) : undefined
    case 'appData':
      return platform === 'win32' ? (fromEnv('APPDATA') ?? join(home, 'AppData', 'Roaming')) : undefined
    case 'appSupport':
      return platform === 'darwin' ? join(home, 'Library', 'Application Support') : undefined
    case 'config':
      return platform === 'linux' ? (fromEnv('XDG_CONFIG_HOME') ?? join(home, '.config')) : undefined
    case 'chromeConfig':
      return platform === 'linux' ? (fromEnv('CHROME_CONFIG_HOME') ?? baseFolder('config', facts)) : undefined
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

/** Expands a path whose segments may hold `*`, returning the folders that exist. */
async function expand(start: string, parts: string[]): Promise<string[]> {
  let current = [start]
  for (const part of parts) {
    if (!part.includes('*')) {
      current = current.map((dir) => join(dir, part))
      continue
    }
    const pattern = new RegExp(
      `^${part
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`
    )
    const next: string[] = []
    for (const dir of current) {
      const names = await readdir(dir).catch(() => [] as string[])
      next.push(...names.filter((name) => pattern.test(name)).map((name) => join(dir, name)))
    }
    current = next
  }
  const found: string[] = []
  for (const dir of current) if (await isDirectory(dir)) found.push(dir)
  return found
}

/** Every installed browser's profile root on this computer (a root may be listed once only). */
export async function locateBrowserRoots(facts: LocateFacts, catalog: BrowserDef[] = browserCatalog): Promise<BrowserRoot[]> {
  const roots: BrowserRoot[] = []
  const seen = new Set<string>()
  for (const browser of catalog) {
    const specs: PathSpec[] = browser.paths[facts.platform] ?? []
    for (const spec of specs) {
      const base = baseFolder(spec.base, facts)
      if (base === undefined) continue
      for (const dir of await expand(base, spec.parts)) {
        const real = await realpath(dir).catch(() => dir)
        if (seen.has(real)) continue
        seen.add(real)
        roots.push({ browser, dir, packaging: spec.packaging ?? 'native' })
      }
    }
  }
  return roots
}

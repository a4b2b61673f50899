import { sqlite } from './sqlite-engine'

/**
 * Why this Node cannot run Profile Porter, or undefined when it can. The CLI and the browser bridge
 * run on the person's own Node (the app carries its own), and one older than 22.13 has no built-in
 * SQLite: every database read then failed, a cookie count said 0 and an import failed as an
 * internal error. Asked once, before anything else runs.
 */
export function unsupportedNode(load: () => unknown = sqlite, version = process.versions.node): string | undefined {
  try {
    load()
    return undefined
  } catch {
    return `Profile Porter needs Node 22.13 or newer to read the browsers' databases, and this is Node ${version}. Install a newer Node (nodejs.org), then run this again.`
  }
}

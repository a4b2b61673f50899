import { textOrder } from '../../../shared/text-order'

/**
 * The kept files of a walk, packed: names and folder numbers in arrays, sizes, times and modes in
 * typed arrays, so a profile of 100,000 files costs a few MB, not the 25 MB of one object each.
 */
export class FileTable {
  /** Folder paths relative to the walked root, `/`-separated ('' is the root itself). */
  readonly dirs: string[] = []
  private readonly names: string[] = []
  private folder = new Uint32Array(1024)
  private sizes = new Float64Array(1024)
  private mtimes = new Float64Array(1024)
  private modes = new Uint32Array(1024)
  length = 0
  totalBytes = 0

  addDir(path: string): number {
    return this.dirs.push(path) - 1
  }

  add(dir: number, name: string, size: number, mtimeMs: number, mode: number): void {
    if (this.length === this.sizes.length) this.grow()
    const at = this.length++
    this.folder[at] = dir
    this.names.push(name)
    this.sizes[at] = size
    this.mtimes[at] = mtimeMs
    this.modes[at] = mode
    this.totalBytes += size
  }

  path(index: number): string {
    const dir = this.dirs[this.folder[index] ?? 0] ?? ''
    const name = this.names[index] ?? ''
    return dir === '' ? name : `${dir}/${name}`
  }

  size(index: number): number {
    return this.sizes[index] ?? 0
  }

  mtimeMs(index: number): number {
    return this.mtimes[index] ?? 0
  }

  mode(index: number): number {
    return this.modes[index] ?? 0
  }

  /** The index of a file by its path, or -1 (a scan: for the few files a rewrite looks for). */
  indexOf(path: string): number {
    const slash = path.lastIndexOf('/')
    const dir = this.dirs.indexOf(slash < 0 ? '' : path.slice(0, slash))
    const name = path.slice(slash + 1)
    for (let index = 0; index < this.length; index++) if (this.folder[index] === dir && this.names[index] === name) return index
    return -1
  }

  /** Indices in a stable order (by folder, then name), so the same profile makes the same archive. */
  order(): Uint32Array {
    const rank = new Uint32Array(this.dirs.length)
    this.dirs
      .map((dir, index) => [dir, index] as const)
      .sort(([a], [b]) => textOrder(a, b))
      .forEach(([, index], position) => (rank[index] = position))
    const order = Uint32Array.from({ length: this.length }, (_, index) => index)
    return order.sort((a, b) => {
      const byFolder = (rank[this.folder[a] ?? 0] ?? 0) - (rank[this.folder[b] ?? 0] ?? 0)
      if (byFolder !== 0) return byFolder
      return textOrder(this.names[a] ?? '', this.names[b] ?? '')
    })
  }

  private grow(): void {
    const twice = <T extends Uint32Array | Float64Array>(array: T, make: (length: number) => T): T => {
      const next = make(array.length * 2)
      next.set(array)
      return next
    }
    this.folder = twice(this.folder, (length) => new Uint32Array(length))
    this.sizes = twice(this.sizes, (length) => new Float64Array(length))
    this.mtimes = twice(this.mtimes, (length) => new Float64Array(length))
    this.modes = twice(this.modes, (length) => new Uint32Array(length))
  }
}

import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { HcompanyState } from '../hcompany/records'
import type { StoredObject } from '../storage/stored-object'
import type { WebrunState } from '../webrun/records'

interface CloudState {
  /** Secrets only the server knows: the storage signing secret and the download-URL key. */
  storageSecret: string
  webrunUrlSecret: string
  objects: Record<string, StoredObject>
  hcompany: HcompanyState
  webrun: WebrunState
}

export interface StateStore {
  state: CloudState
  /** Writes the whole state atomically (temp file, then rename); saves never interleave. */
  save(): Promise<void>
}

function freshState(): CloudState {
  return {
    storageSecret: randomBytes(32).toString('hex'),
    webrunUrlSecret: randomBytes(32).toString('hex'),
    objects: {},
    hcompany: { profiles: [], pending: [] },
    webrun: { profiles: [] }
  }
}

export async function openStateStore(dataDir: string): Promise<StateStore> {
  await mkdir(dataDir, { recursive: true })
  const file = join(dataDir, 'state.json')
  let state: CloudState
  try {
    state = JSON.parse(await readFile(file, 'utf8')) as CloudState
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    state = freshState()
  }
  let queue = Promise.resolve()
  const store: StateStore = {
    state,
    save() {
      queue = queue.then(async () => {
        const temp = `${file}.${process.pid}.tmp`
        await writeFile(temp, JSON.stringify(state, null, 2), { mode: 0o600 })
        await rename(temp, file)
      })
      return queue
    }
  }
  await store.save()
  return store
}

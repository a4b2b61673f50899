import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { closeQuietly } from '../../electron/services/fs/close-quietly'
import type { StateStore } from '../state/state-store'
import type { StoredObject } from './stored-object'

export interface ObjectWriter {
  write(chunk: Buffer): Promise<void>
  size(): number
  /** Moves the finished file into place and records it. */
  commit(): Promise<StoredObject>
  abort(): Promise<void>
}

/** Objects as files under `<data>/objects/<bucket>/<key>`, their size and hashes in the state. */
export class ObjectStore {
  constructor(
    private readonly dataDir: string,
    private readonly store: StateStore,
    private readonly now: () => number
  ) {}

  pathOf(bucket: string, key: string): string {
    return join(this.dataDir, 'objects', bucket, ...key.split('/'))
  }

  head(bucket: string, key: string): StoredObject | undefined {
    return this.store.state.objects[`${bucket}/${key}`]
  }

  async writer(bucket: string, key: string, contentType: string | undefined): Promise<ObjectWriter> {
    const final = this.pathOf(bucket, key)
    const temp = join(this.dataDir, 'objects', '.incoming', randomUUID())
    await mkdir(dirname(temp), { recursive: true })
    const stream: WriteStream = createWriteStream(temp, { mode: 0o600 })
    const sha256 = createHash('sha256')
    const md5 = createHash('md5')
    let size = 0
    const closed = () => new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())))
    return {
      write: async (chunk) => {
        size += chunk.length
        sha256.update(chunk)
        md5.update(chunk)
        if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', resolve))
      },
      size: () => size,
      commit: async () => {
        await closed()
        await mkdir(dirname(final), { recursive: true })
        await rename(temp, final)
        const object: StoredObject = {
          bucket,
          key,
          size,
          sha256: sha256.digest('hex'),
          md5: md5.digest('hex'),
          contentType,
          storedAt: this.now()
        }
        this.store.state.objects[`${bucket}/${key}`] = object
        await this.store.save()
        return object
      },
      abort: async () => {
        await closeQuietly(stream)
        await rm(temp, { force: true })
      }
    }
  }

  /** Stores a file on disk as an object, replacing what was there (a session that saved its state). */
  async putFile(bucket: string, key: string, file: string, contentType: string): Promise<StoredObject> {
    const writer = await this.writer(bucket, key, contentType)
    try {
      for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) await writer.write(chunk)
      return await writer.commit()
    } catch (error) {
      await writer.abort()
      throw error
    }
  }

  async move(bucket: string, from: string, to: string): Promise<StoredObject> {
    const object = this.head(bucket, from)
    if (object === undefined) throw new Error(`No object ${from}`)
    await mkdir(dirname(this.pathOf(bucket, to)), { recursive: true })
    await rename(this.pathOf(bucket, from), this.pathOf(bucket, to))
    delete this.store.state.objects[`${bucket}/${from}`]
    const moved = { ...object, key: to }
    this.store.state.objects[`${bucket}/${to}`] = moved
    await this.store.save()
    return moved
  }

  async remove(bucket: string, key: string): Promise<void> {
    await rm(this.pathOf(bucket, key), { force: true })
    delete this.store.state.objects[`${bucket}/${key}`]
    await this.store.save()
  }
}

import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { copyWithProgress } from './copy-with-progress'

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-copy-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

it('copies every byte, owner-only, with its checksum and progress up to the whole size', async () => {
  // Not a multiple of the chunk: the last, short chunk must arrive too.
  const data = randomBytes(3 * 1024 * 1024 + 12_345)
  await writeFile(join(root, 'source'), data)
  const seen: number[] = []
  const copied = await copyWithProgress(join(root, 'source'), join(root, 'copy'), { onProgress: (done) => seen.push(done) })
  expect((await readFile(join(root, 'copy'))).equals(data)).toBe(true)
  expect(copied).toEqual({ sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length })
  expect(seen.at(-1)).toBe(data.length)
  expect(seen.length).toBeGreaterThan(1)
  expect((await stat(join(root, 'copy'))).mode & 0o777).toBe(0o600)
})

it('a cancel mid-copy says so and leaves neither the copy nor its part', async () => {
  await writeFile(join(root, 'source'), randomBytes(4 * 1024 * 1024))
  const controller = new AbortController()
  const copy = copyWithProgress(join(root, 'source'), join(root, 'copy'), {
    signal: controller.signal,
    onProgress: () => controller.abort()
  })
  await expect(copy).rejects.toMatchObject({ code: 'cancelled' })
  expect(await readdir(root)).toEqual(['source'])
})

it('a source that is gone is named as the thing that could not be read', async () => {
  await expect(copyWithProgress(join(root, 'missing'), join(root, 'copy'))).rejects.toMatchObject({
    message: expect.stringContaining('missing')
  })
  expect(await readdir(root)).toEqual([])
})

import { randomBytes } from 'node:crypto'
import { inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { DeflateHelp, deflateBatch, type DeflateBatch } from './deflate-help'

const files = [randomBytes(1000), Buffer.alloc(5000, 'abc'), Buffer.alloc(0), Buffer.from('x'.repeat(70_000))]

describe('small files deflated on a second thread', () => {
  it('comes back whole from the helper, in batches no larger than a moment’s work', async () => {
    const batches: DeflateBatch[] = []
    const help: DeflateHelp = new DeflateHelp((batch) => {
      batches.push(batch)
      const { data, sizes } = deflateBatch(batch)
      help.receive(batch.id, data, sizes)
    })
    const outs = await Promise.all(files.map((file) => help.offer(file, 1)))
    outs.forEach((out, index) => expect(inflateRawSync(out as Buffer).equals(files[index] as Buffer)).toBe(true))
    expect(batches.map((batch) => batch.sizes)).toEqual([[1000, 5000, 0, 70_000]])
  })

  it('never waits on a helper that does not answer: what is out is deflated here once this thread is idle', async () => {
    const batches: DeflateBatch[] = []
    const help = new DeflateHelp((batch) => batches.push(batch))
    const outs = await Promise.all(files.map((file) => help.offer(file, 1)))
    outs.forEach((out, index) => expect(inflateRawSync(out as Buffer).equals(files[index] as Buffer)).toBe(true))
    expect(batches).toHaveLength(1)
    // A late answer changes nothing.
    const { data, sizes } = deflateBatch(batches[0] as DeflateBatch)
    help.receive((batches[0] as DeflateBatch).id, data, sizes)
  })

  it('says “do it yourself” once half a megabyte is out', () => {
    const help = new DeflateHelp(() => undefined)
    const offered = Array.from({ length: 10 }, () => help.offer(Buffer.alloc(60_000), 1))
    expect(offered.filter((out) => out === undefined).length).toBeGreaterThan(0)
  })
})

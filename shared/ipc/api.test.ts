import { describe, expect, it } from 'vitest'
import { buildPorterApi, listenerName, splitChannel } from './api'
import { eventChannels, eventContract, eventSnapshots, invokeChannels, invokeContract } from './contract'

describe('the contract', () => {
  it('gives a schema to every channel name and to no other', () => {
    expect(Object.keys(invokeContract).sort()).toEqual([...invokeChannels].sort())
    expect(Object.keys(eventContract).sort()).toEqual([...eventChannels].sort())
  })

  it('names every channel namespace:member', () => {
    for (const channel of [...invokeChannels, ...eventChannels]) {
      expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/)
    }
  })
})

describe('buildPorterApi', () => {
  it('exposes one named method per request and one listener per event', async () => {
    const calls: unknown[][] = []
    const subscribed: string[] = []
    const api = buildPorterApi({
      invoke: async (channel, input) => (calls.push([channel, input]), { ok: true, value: channel }),
      subscribe: (event) => (subscribed.push(event), () => undefined)
    }) as unknown as Record<string, Record<string, (arg?: unknown) => unknown>>

    for (const channel of invokeChannels) {
      const [namespace, member] = splitChannel(channel)
      await expect(api[namespace]?.[member]?.('x')).resolves.toEqual({ ok: true, value: channel })
    }
    expect(calls.map(([channel]) => channel)).toEqual([...invokeChannels])
    for (const event of eventChannels) {
      const unsubscribe = api[splitChannel(event)[0]]?.[listenerName(event)]?.(() => undefined)
      expect(unsubscribe).toBeTypeOf('function')
    }
    expect(subscribed).toEqual([...eventChannels])
    // Subscribing asks for the current state of the events that have one, and only those.
    expect(calls.slice(invokeChannels.length).map(([channel]) => channel)).toEqual(Object.values(eventSnapshots))
  })

  it('gives a new listener the current state first (each item of a list), then live events; nothing after unsubscribe', async () => {
    const live = new Set<(payload: unknown) => void>()
    let answer: (value: unknown) => void = () => undefined
    const api = buildPorterApi({
      invoke: (channel) =>
        new Promise((resolve) => (answer = (value) => resolve({ ok: true, value: channel === 'transfers:list' ? value : null }))),
      subscribe: (_event, listener) => (live.add(listener), () => live.delete(listener))
    })
    const seen: unknown[] = []
    api.transfers.onUpdated((job) => seen.push(job))
    for (const listener of live) listener({ id: 'b', status: 'running' })
    answer([
      { id: 'a', status: 'done' },
      { id: 'b', status: 'done' }
    ])
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(seen).toEqual([
      { id: 'b', status: 'running' },
      { id: 'a', status: 'done' },
      { id: 'b', status: 'done' }
    ])

    const late: unknown[] = []
    const off = api.transfers.onUpdated((job) => late.push(job))
    off()
    answer([{ id: 'a', status: 'done' }])
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(late).toEqual([])
  })

  it('turns transfers:progress into transfers.onProgress', () => {
    expect(listenerName('transfers:progress')).toBe('onProgress')
  })
})

import { describe, expect, it } from 'vitest'
import { buildPorterApi, listenerName, splitChannel } from './api'
import { eventChannels, eventContract, invokeChannels, invokeContract } from './contract'

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
    for (const event of eventChannels) {
      const unsubscribe = api[splitChannel(event)[0]]?.[listenerName(event)]?.(() => undefined)
      expect(unsubscribe).toBeTypeOf('function')
    }
    expect(calls.map(([channel]) => channel)).toEqual([...invokeChannels])
    expect(subscribed).toEqual([...eventChannels])
  })

  it('turns transfers:progress into transfers.onProgress', () => {
    expect(listenerName('transfers:progress')).toBe('onProgress')
  })
})

import { expect, it } from 'vitest'
import { withinTime } from './time-limit'

it('gives up on work that never ends with the error it was given, and passes on work that ends in time', async () => {
  const never = new Promise<string>(() => undefined)
  await expect(withinTime(never, 20, () => new Error('stopped waiting'))).rejects.toThrow('stopped waiting')
  await expect(withinTime(Promise.resolve('done'), 1000, () => new Error('no'))).resolves.toBe('done')
  await expect(withinTime(Promise.reject(new Error('own failure')), 1000, () => new Error('no'))).rejects.toThrow('own failure')
})

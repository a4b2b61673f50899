import type { EventEmitter } from 'node:events'

/**
 * A writable (a file, a request) that asked for a pause: resolves once it wants more, or once
 * `instead` fires (its end or its error), whose handler then says what happened. Both listeners go
 * either way, so a long transfer does not pile them up.
 */
export function untilDrained(stream: EventEmitter, instead: 'close' | 'error'): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done)
      stream.off(instead, done)
      resolve()
    }
    stream.once('drain', done)
    stream.once(instead, done)
  })
}

/**
 * Passes values on at most every `intervalMs`. A value held back is sent when the interval ends
 * (so a burst followed by silence still shows its last value), or at once on flush.
 */
export function throttle<T>(intervalMs: number, now: () => number, emit: (value: T) => void): { push(value: T): void; flush(): void } {
  let last = -Infinity
  let pending: { value: T } | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const send = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    if (pending === undefined) return
    const { value } = pending
    pending = undefined
    last = now()
    emit(value)
  }
  return {
    push(value) {
      pending = { value }
      const wait = last + intervalMs - now()
      if (wait <= 0) send()
      else timer ??= setTimeout(send, wait)
    },
    flush: send
  }
}

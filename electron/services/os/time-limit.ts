/**
 * A promise that settles within `ms`: rejects with `timeout()` when the work does not. What the
 * work was doing goes on in the background (a call into the OS cannot be interrupted), unheeded.
 */
export function withinTime<T>(work: Promise<T>, ms: number, timeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(timeout()), ms)
    timer.unref()
  })
  return Promise.race([work, expired]).finally(() => clearTimeout(timer))
}

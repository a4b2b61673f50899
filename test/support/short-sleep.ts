/**
 * The app's sleep for tests: a wait the code asks for (a retry's back-off, a poll) passes in at most
 * 5 ms, and a cancel still ends it at once. What is tested is what happens after the wait, not its length.
 */
export function shortSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, Math.min(ms, 5))
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(new DOMException('aborted', 'AbortError'))), { once: true })
  })
}

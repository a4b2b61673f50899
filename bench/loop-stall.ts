/**
 * The longest the event loop of this process could not run a 10 ms timer (how late it fired): in
 * the app's main process, the time during which no IPC answer and no progress event goes out.
 * Returns a function that stops watching and gives the figure in ms.
 */
export function watchLoopStalls(periodMs = 10): () => number {
  let last = performance.now()
  let worst = 0
  const timer = setInterval(() => {
    const now = performance.now()
    worst = Math.max(worst, now - last - periodMs)
    last = now
  }, periodMs)
  return () => {
    clearInterval(timer)
    return Math.max(worst, performance.now() - last - periodMs)
  }
}

/**
 * The longest the event loop of this process could not run a 10 ms timer (how late it fired): in
 * the app's main process, the time during which no IPC answer and no progress event goes out.
 * Beside it, the most CPU time this thread itself used between two ticks: on a machine shared with
 * other work, a late tick can be the OS running something else, and this tells the two apart.
 * Returns a function that stops watching and gives both figures in ms.
 */
export function watchLoopStalls(periodMs = 10): () => { stallMs: number; busyMs: number } {
  const cpu = () => {
    const { user, system } = process.threadCpuUsage()
    return (user + system) / 1000
  }
  let last = performance.now()
  let lastCpu = cpu()
  let worst = 0
  let busiest = 0
  const tick = () => {
    const now = performance.now()
    const used = cpu()
    worst = Math.max(worst, now - last - periodMs)
    busiest = Math.max(busiest, used - lastCpu)
    last = now
    lastCpu = used
  }
  const timer = setInterval(tick, periodMs)
  return () => {
    clearInterval(timer)
    tick()
    return { stallMs: worst, busyMs: busiest }
  }
}

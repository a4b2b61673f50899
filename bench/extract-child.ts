import { readFileSync } from 'node:fs'
import { extractArchive } from '../electron/services/archive/extract/extract-archive'

/** One extraction in its own process: how long until it is refused (or done), and the peak memory. */
async function main(): Promise<void> {
  const [file, target] = process.argv.slice(2) as [string, string]
  const start = performance.now()
  let outcome = 'extracted'
  try {
    await extractArchive(file, target)
  } catch (error) {
    outcome = (error as Error).message
  }
  const ms = performance.now() - start
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1])
  console.log(JSON.stringify({ ms, peakMb: peakKb / 1024, outcome }))
}

void main()

import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'

/** Starts a TypeScript entry point in its own node process and waits for a line that matches. */
export async function startNode(entry: string, args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout! })
  for await (const line of lines) {
    const match = ready.exec(line)
    if (match !== null) return { child, match }
  }
  throw new Error(`${entry} exited before it was ready`)
}

/** Peak resident memory of a process so far, in MB (Linux /proc; VmHWM is the high-water mark). */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0)
  return kb / 1024
}

import { spawn, type ChildProcess } from 'node:child_process'

export interface NodeRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * A Node script in a child process, as a person or a script would run it, with what it printed.
 * `onStderr` sees stderr as it grows (to answer a prompt, or kill the child at the right moment).
 */
export function runNode(
  script: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; onStderr?: (text: string, child: ChildProcess) => void; node?: string }
): Promise<NodeRun> {
  return new Promise((resolve) => {
    const child = spawn(options.node ?? process.execPath, [script, ...args], {
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.cwd ? { cwd: options.cwd } : {})
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      options.onStderr?.(stderr, child)
    })
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

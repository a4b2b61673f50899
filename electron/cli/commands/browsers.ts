import type { CliContext } from '../cli-context'
import { call } from '../call'
import { table, type Output } from '../output'

const running = { running: 'running', 'not-running': '', elsewhere: 'on another computer', unknown: 'maybe' }

export async function browsersCommand(context: CliContext, out: Output): Promise<void> {
  const profiles = await call(context.api, 'browsers:detect', undefined)
  if (out.json) return out.document(profiles)
  if (profiles.length === 0) return out.print('No browser profiles found on this computer.')
  out.print(
    table(
      ['REF', 'BROWSER', 'VERSION', 'NAME', 'EMAIL', 'RUNNING'],
      profiles.map((p) => [p.ref, p.browserName, p.browserVersion ?? '', p.name, p.email ?? '', running[p.running]])
    )
  )
}

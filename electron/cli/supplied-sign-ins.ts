import { resolve } from 'node:path'
import { quitAdvice } from '../../shared/domain/quit-advice'
import { liveSwitch } from '../../shared/domain/supplied'
import { count } from '../../shared/format'
import { readCookieFile } from '../services/live/cookie-file'
import { cancelledAtCtrlC } from './cancelled-at-ctrl-c'
import type { CliContext } from './cli-context'
import { call } from './call'
import { UsageError } from './usage'

const say = (text: string) => process.stderr.write(`${text}\n`)

/** Waits until the browser has quit (packing needs its files at rest); Ctrl-C gives up. */
async function untilClosed(context: CliContext, ref: string): Promise<void> {
  const interrupted = new AbortController()
  const stop = () => interrupted.abort()
  process.once('SIGINT', stop)
  try {
    for (let said = false; ; said = true) {
      const profile = await context.services.browsers.find(ref)
      if (profile.running !== 'running') return
      if (!said) say(quitAdvice(profile.browserName, 'wait: the import starts as soon as it has closed'))
      await new Promise((done) => setTimeout(done, 500))
      if (interrupted.signal.aborted) throw cancelledAtCtrlC()
    }
  } finally {
    process.off('SIGINT', stop)
  }
}

/**
 * `--live`: the running browser hands over the sign-ins its disk copy keeps locked (Windows
 * app-bound cookies); `--cookies FILE`: an extension's export does. Either way the values stay in
 * this process; the import is given their id.
 */
export async function suppliedSignIns(
  context: CliContext,
  ref: string,
  args: { live: boolean; cookies?: string }
): Promise<string | undefined> {
  if (args.live && args.cookies !== undefined) throw new UsageError('Use either --live or --cookies FILE, not both.')
  if (args.cookies !== undefined) {
    const summary = context.services.supplied.put(ref, { via: 'file', cookies: await readCookieFile(resolve(args.cookies)) })
    say(`Read ${count(summary.cookies, 'cookie')} of ${count(summary.sites.length, 'site')} from ${args.cookies}.`)
    return summary.id
  }
  if (!args.live) return undefined
  const profile = await context.services.browsers.find(ref)
  const { address } = liveSwitch(profile.browserId, profile.browserVersion)
  say(`Reading sign-ins through ${profile.browserName}: if it asks “Allow remote debugging?”, click Allow.`)
  const summary = await call(context.api, 'browsers:readLive', { ref })
  say(
    `Read ${count(summary.cookies, 'cookie')} of ${count(summary.sites.length, 'site')}. You can turn remote debugging off again at ${address}.`
  )
  await untilClosed(context, ref)
  return summary.id
}

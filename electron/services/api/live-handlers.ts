import { PorterError } from '../../../shared/errors'
import { liveSwitch } from '../../../shared/domain/supplied'
import { readCookieFile } from '../live/cookie-file'
import { diskCookieKeys } from '../live/disk-cookie-keys'
import { readLiveCookies } from '../live/read-live-cookies'
import type { Handlers } from './handlers'
import type { PorterServices } from './porter-services'

type LiveHandlers = Pick<Handlers, 'browsers:readLive' | 'browsers:readCookieFile'>

/** Sign-ins the disk copy cannot move, read through the running browser or from a cookie file; main keeps the values. */
export function liveHandlers({ browsers, supplied, shell }: PorterServices): LiveHandlers {
  return {
    'browsers:readLive': async ({ ref }) => {
      const profile = await browsers.find(ref)
      if (profile.family !== 'chromium') {
        throw new PorterError({
          code: 'invalid_input',
          message: `${profile.browserName} keeps its sign-ins readable on disk; there is nothing to read through the browser.`
        })
      }
      const cookies = await readLiveCookies({
        userDataDir: profile.userDataDir,
        browserName: profile.browserName,
        switchAddress: liveSwitch(profile.browserId, profile.browserVersion).address,
        closed: profile.running === 'not-running',
        diskKeys: await diskCookieKeys(profile)
      })
      return supplied.put(ref, { via: 'browser', cookies })
    },
    'browsers:readCookieFile': async ({ ref }) => {
      await browsers.find(ref)
      const path = await shell.chooseOpenPath('Choose a cookie file', [{ name: 'Cookie exports', extensions: ['txt', 'json'] }])
      if (path === undefined) return null
      return supplied.put(ref, { via: 'file', cookies: await readCookieFile(path) })
    }
  }
}

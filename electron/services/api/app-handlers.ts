import type { Handlers } from './handlers'
import type { PorterServices } from './porter-services'

type AppHandlers = Pick<Handlers, 'app:getUpdateState' | 'app:restartToUpdate' | 'app:previewReport' | 'app:saveReport'>

/** Updating the app and the report for IT, as the window asks for them. */
export function appHandlers({ updates, report }: PorterServices): AppHandlers {
  return {
    'app:getUpdateState': async () => updates.state(),
    'app:restartToUpdate': async () => (updates.restart(), null),
    'app:previewReport': () => report.preview(),
    'app:saveReport': ({ id }) => report.save(id)
  }
}

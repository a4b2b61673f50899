import { PorterError } from '../../shared/errors'

/** Ctrl-C, said as the window says a cancel: what is still there when undoing did not get it all, else nothing. */
export function cancelledAtCtrlC(leftBehind?: string): PorterError {
  return new PorterError({ code: 'cancelled', message: `Cancelled. ${leftBehind ?? 'Nothing was left behind.'}` })
}

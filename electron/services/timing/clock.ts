const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })

/** A moment as a person reads it off their clock ("14:32"), for "try again at …". */
export function clockTime(at: number): string {
  return clock.format(new Date(at))
}

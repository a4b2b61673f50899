/**
 * Made when first needed, not when the module loads: a DateTimeFormat loads ICU's calendar and
 * locale data, and a Node process that made one peaked at 60.9 MB instead of 45.9 (`/usr/bin/time`).
 */
let clock: Intl.DateTimeFormat | undefined

/** A moment as a person reads it off their clock ("14:32"), for "try again at …". */
export function clockTime(at: number): string {
  clock ??= new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })
  return clock.format(new Date(at))
}

/**
 * How to quit a browser so that it lets go of its profile, then what to do next. Edge is the trap:
 * Startup boost (on by default on Windows) and background extensions keep it running after its last
 * window closes, with no tray icon to quit it from, so "quit it" alone leaves a person stuck.
 */
export function quitAdvice(browserName: string, then: string): string {
  if (browserName.startsWith('Microsoft Edge'))
    return `Close every ${browserName} window. Edge can keep running without one: in Edge, open edge://settings/system, turn off “Startup boost” and “Continue running background extensions and apps when Microsoft Edge is closed”, close Edge again, then ${then}.`
  return `Quit ${browserName} completely — also from the tray — then ${then}.`
}

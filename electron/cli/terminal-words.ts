/**
 * The services' next steps name the window's own controls ("then click Retry"); a terminal has none
 * of them, so each is said as what does the same there. A browser's own buttons ("click Allow") stay.
 */
const INSTEAD: Array<[RegExp, string]> = [
  [/\bclick (?:Retry|Check again)\b/g, 'run this again'],
  [
    /Check the API key in the connection’s settings \(the ⋯ button beside its name\)\./g,
    'Check the API key in the environment variable the connection was added with (--key-env), then run this again.'
  ]
]

export function inTerminal(text: string): string {
  return INSTEAD.reduce((said, [window, terminal]) => said.replace(window, terminal), text)
}

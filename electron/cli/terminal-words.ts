/**
 * The services' next steps name the window's own controls ("then click Retry"); a terminal has none
 * of them, so each is said as what does the same there. A browser's own buttons ("click Allow") stay.
 */
const INSTEAD: Array<[RegExp, string]> = [
  [/\bclick (?:Retry|Check again)\b/g, 'run this again'],
  [
    /Check the API key in the connection’s settings \(the ⋯ button beside its name\)\./g,
    'Check the API key in the environment variable the connection was added with (--key-env), then run this again.'
  ],
  // A connection the app made keeps its key in the app's own encrypted store, which a terminal does not open.
  [
    /Open its settings \(the ⋯ button beside its name\) and enter the API key again\./g,
    'The app keeps this key where a terminal cannot read it: add the account again for the terminal, under another name, with porter connections add … --key-env VARIABLE.'
  ]
]

export function inTerminal(text: string): string {
  return INSTEAD.reduce((said, [window, terminal]) => said.replace(window, terminal), text)
}

import { parseArgs } from 'node:util'
import { expect, it } from 'vitest'
import { optionMistake } from './option-mistake'

const options = { out: { type: 'string' }, 'all-sites': { type: 'boolean' }, site: { type: 'string' }, json: { type: 'boolean' } } as const

/** What a person is told for a command line parseArgs refuses. */
function told(args: string[]): string {
  try {
    parseArgs({ args, options, allowPositionals: true })
  } catch (error) {
    return optionMistake(error as Error, Object.keys(options))
  }
  throw new Error('parseArgs took it')
}

it.each([
  [['--outt', 'a.zip'], 'porter has no option --outt. Did you mean --out?'],
  [['--all-site'], 'porter has no option --all-site. Did you mean --all-sites?'],
  [['--stie', 'a.com'], 'porter has no option --stie. Did you mean --site?'],
  [['--verbose'], 'porter has no option --verbose.'],
  [['-x'], 'porter has no option -x.'],
  [['--out'], '--out needs a value after it.'],
  [['--json=yes'], '--json takes no value.']
])('%j: %s', (args, message) => {
  expect(told(args)).toBe(message)
})

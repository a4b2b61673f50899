import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { httpFailure } from '../services/clouds/http/service-errors'
import { inTerminal } from './terminal-words'

describe('next steps said in a terminal', () => {
  it('name what to run instead of the window’s buttons', () => {
    expect(inTerminal('Quit Brave completely — also from the tray — then click Retry.')).toBe(
      'Quit Brave completely — also from the tray — then run this again.'
    )
    expect(inTerminal('Free up some space, then click Check again.')).toBe('Free up some space, then run this again.')
    expect(inTerminal(httpFailure('WebRun', 401, undefined).action ?? '')).toBe(
      'Check the API key in the environment variable the connection was added with (--key-env), then run this again.'
    )
  })

  it('keep the browser’s own buttons', () => {
    const allow = 'When Google Chrome asks “Allow remote debugging?”, click Allow, then try again.'
    expect(inTerminal(allow)).toBe(allow)
  })

  it('leave none of the window’s controls in any next step the services give', async () => {
    const services = join(__dirname, '../services')
    const files = (await readdir(services, { recursive: true })).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    const window = /click (?:Retry|Check again)|⋯ button/
    const said: string[] = []
    for (const file of files)
      for (const [text] of (await readFile(join(services, file), 'utf8')).matchAll(/(['`])(?:(?!\1).)*\1/g))
        if (window.test(text)) said.push(text)
    expect(said.length).toBeGreaterThanOrEqual(6)
    for (const text of said) expect(inTerminal(text)).not.toMatch(window)
  })
})

import { describe, expect, it } from 'vitest'
import { unsupportedNode } from './node-support'

describe('the Node the CLI and the bridge run on', () => {
  it('is fine when it has the built-in SQLite', () => {
    expect(unsupportedNode()).toBeUndefined()
  })

  it('without it, is named with the version needed and the one found, and how to go on', () => {
    const missing = () => {
      throw new Error('No such built-in module: node:sqlite')
    }
    expect(unsupportedNode(missing, '20.20.2')).toBe(
      "Profile Porter needs Node 22.13 or newer to read the browsers' databases, and this is Node 20.20.2. Install a newer Node (nodejs.org), then run this again."
    )
  })
})

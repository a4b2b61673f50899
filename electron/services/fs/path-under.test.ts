import { join, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pathUnder } from './path-under'

describe('pathUnder', () => {
  it('gives what path.join gives for the paths a walk makes, root itself included', () => {
    const root = join(sep, 'home', 'ana', 'Chrome', 'Default')
    for (const base of [root, `${root}${sep}`]) {
      const under = pathUnder(base)
      for (const relative of ['', 'Cookies', 'Network/Cookies', 'Local Storage/leveldb/000003.log', 'Extensions/ab/1.0_0/é ü.json'])
        expect(under(relative)).toBe(join(base, relative))
    }
  })
})

import { expect, it } from 'vitest'
import { summarise } from './portability-report'

it('says large counts with their thousands grouped, every one of them', () => {
  const report = {
    total: 2345,
    moved: 1200,
    byScheme: {},
    notMoved: { 'app-bound': 1145 },
    sitesNeedingLogin: ['mail.example.com'],
    sessionCookiesKept: 0
  }
  expect(summarise(report)).toBe(
    '1,200 of 2,345 cookies will work in the cloud browser; 1,145 stay behind, so these sites will need a fresh login: mail.example.com.'
  )
  expect(summarise({ ...report, moved: 2345 })).toBe('All 2,345 cookies will work in the cloud browser.')
  // Into the library, the browser they go to is the one that opens the profile.
  expect(summarise({ ...report, moved: 2345 }, true)).toBe('All 2,345 cookies will work in the browser that opens this profile.')
})

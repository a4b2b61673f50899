import { expect, it } from 'vitest'
import { quitQuestion } from './quit-guard'

it('asks before a check in the cloud is cut short: quitting stops it and ends its session', () => {
  expect(quitQuestion([], 0)).toBeUndefined()
  expect(quitQuestion([], 1)).toEqual({
    message: 'A check in the cloud is running — stop it and quit?',
    detail: 'Quitting stops the check and ends its session at the service. Your profile is left as it was.',
    buttons: ['Stop it and quit', 'Keep it running']
  })
  expect(quitQuestion([], 2)?.message).toBe('2 checks in the cloud are running — stop them and quit?')
})

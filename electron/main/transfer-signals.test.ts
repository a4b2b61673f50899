import { describe, expect, it } from 'vitest'
import type { TransferJob } from '../../shared/domain/transfer'
import { notificationFor, taskbarProgress } from './transfer-signals'

const job = (changes: Partial<TransferJob>): TransferJob => ({
  id: 'a',
  kind: 'import',
  title: 'Work → WebRun',
  connectionId: 'c',
  phase: 'uploading',
  status: 'running',
  bytesDone: 0,
  attempt: 1,
  startedAt: '2026-11-23T10:00:00.000Z',
  ...changes
})

describe('taskbar progress', () => {
  it('is the share of bytes over running jobs, indeterminate without sizes, off when idle', () => {
    const progress = new Map([['a', { jobId: 'a', phase: 'uploading' as const, bytesDone: 25, bytesTotal: 100 }]])
    expect(taskbarProgress([job({})], progress)).toBe(0.25)
    expect(taskbarProgress([job({}), job({ id: 'b', bytesDone: 75, bytesTotal: 100 })], progress)).toBe(0.5)
    expect(taskbarProgress([job({ id: 'c' })], new Map())).toBe(2)
    expect(taskbarProgress([job({ status: 'done' })], progress)).toBe(-1)
  })
})

describe('notifications', () => {
  it('tells of long jobs ending, with the plain cause of a failure, and never of a cancel or a quick job', () => {
    expect(notificationFor(job({ status: 'done', endedAt: '2026-11-23T10:01:00.000Z' }))).toEqual({
      title: 'Import finished',
      body: 'Work → WebRun'
    })
    expect(
      notificationFor(
        job({
          status: 'failed',
          endedAt: '2026-11-23T10:01:00.000Z',
          error: { code: 'network', message: 'The connection was lost.', action: 'Try again.', phase: 'uploading' }
        })
      )
    ).toEqual({
      title: 'Import failed',
      body: 'The connection was lost. Try again.'
    })
    expect(notificationFor(job({ status: 'cancelled', endedAt: '2026-11-23T10:01:00.000Z' }))).toBeUndefined()
    expect(notificationFor(job({ status: 'done', endedAt: '2026-11-23T10:00:05.000Z' }))).toBeUndefined()
  })
})

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ReadyUpdater } from '../../../test/support/ready-updater'
import type { Log } from '../logging/logger'
import { createUpdates } from './update-controller'
import { describeCheckFailure, describeDownloadFailure } from './update-failures'
import { policyFileFor, updatePolicy } from './update-policy'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porter-updates-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const coded = (message: string, code: string) => Object.assign(new Error(message), { code })

describe('whether this computer may update the app', () => {
  it('is off with PORTER_UPDATES=off or a policy that says so, on without either, off when the policy cannot be read', async () => {
    const policyFile = join(dir, 'policy.json')
    const policy = (env: NodeJS.ProcessEnv = {}) => updatePolicy({ platform: 'linux', env, policyFile })
    expect(policy()).toEqual({ enabled: true })
    expect(policy({ PORTER_UPDATES: 'OFF' })).toEqual({
      enabled: false,
      reason: 'Updates are turned off on this computer (PORTER_UPDATES).'
    })
    expect(policy({ PORTER_UPDATES: 'on' })).toEqual({ enabled: true })
    for (const text of ['{"updates": false}', '{"updates": "off"}']) {
      await writeFile(policyFile, text)
      expect(policy()).toEqual({ enabled: false, reason: `Updates are turned off by your IT department (${policyFile}).` })
    }
    await writeFile(policyFile, '{"updates": true}')
    expect(policy()).toEqual({ enabled: true })
    await writeFile(policyFile, '{"updates": fal')
    expect(policy()).toEqual({ enabled: false, reason: `Updates are off: the IT policy file ${policyFile} could not be read.` })
  })

  it('looks for the policy where only administrators write, on each OS', () => {
    expect(policyFileFor('linux', {})).toBe('/etc/profile-porter/policy.json')
    expect(policyFileFor('darwin', {})).toBe('/Library/Application Support/Profile Porter/policy.json')
    expect(policyFileFor('win32', { ProgramData: 'D:\\Data' })).toMatch(/^D:\\Data[\\/]Profile Porter[\\/]policy\.json$/)
  })
})

describe('why an update did not come', () => {
  it('says a failed check in a sentence for a person who asked and a line for the log', () => {
    expect(describeCheckFailure(coded('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED')).logLine).toBe(
      'the update server could not be reached (ECONNREFUSED); next check in a few hours.'
    )
    expect(describeCheckFailure(new Error('net::ERR_PROXY_CONNECTION_FAILED')).logLine).toContain('(ERR_PROXY_CONNECTION_FAILED)')
    expect(describeCheckFailure(coded('Cannot find channel "latest.yml"', 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND')).sentence).toBe(
      'The update server has no release for this system yet. Try again later.'
    )
    expect(describeCheckFailure(coded("ENOENT: no such file, open '/opt/app/resources/app-update.yml'", 'ENOENT'))).toMatchObject({
      noFeed: true,
      sentence: 'This build of Profile Porter has no update feed, so it does not update itself.'
    })
  })

  it('says why a download was thrown away: checksum, signature, or cut short', () => {
    expect(describeDownloadFailure(coded('sha512 checksum mismatch, expected a, got b', 'ERR_CHECKSUM_MISMATCH'))).toMatch(
      /did not match its published checksum/
    )
    expect(
      describeDownloadFailure(coded('New version 0.2.0 is not signed by the application owner: x', 'ERR_UPDATER_INVALID_SIGNATURE'))
    ).toBe('The downloaded update was not signed by the publisher of Profile Porter, so it was thrown away.')
    expect(describeDownloadFailure(coded('socket hang up', 'ECONNRESET'))).toMatch(/could not be downloaded completely/)
  })
})

describe('installing at quit', () => {
  it('lets the update install as the app quits only when no transfer runs, and says which in the log', async () => {
    const lines: string[] = []
    const log: Log = { error() {}, warn() {}, info: (line) => lines.push(String(line)), debug() {}, file: undefined }
    let running = true
    const updater = new ReadyUpdater('0.2.0')
    const updates = createUpdates({ updater, currentVersion: '0.1.0', log, busy: () => running })
    await updates.check()
    expect(updates.state()).toEqual({ status: 'ready', version: '0.2.0' })
    updates.beforeQuit()
    expect(updater.autoInstallOnAppQuit).toBe(false)
    expect(() => updates.restart()).toThrow('A transfer is running, so Profile Porter cannot restart now.')
    running = false
    updates.beforeQuit()
    expect(updater.autoInstallOnAppQuit).toBe(true)
    updates.restart()
    expect(updater.installs).toEqual([[true, true]])
    expect(lines.slice(-3)).toEqual([
      'Update 0.2.0 waits: a transfer is still running.',
      'Installing update 0.2.0 as Profile Porter quits.',
      'Restarting to install update 0.2.0.'
    ])
  })
})

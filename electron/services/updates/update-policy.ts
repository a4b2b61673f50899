import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Platform } from '../os/paths'

export interface UpdatePolicy {
  enabled: boolean
  /** Why updates are off, in words a person and IT understand. */
  reason?: string
}

/** Where IT puts the policy file: a machine-wide folder only administrators can write to. */
export function policyFileFor(platform: Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') return join(env['ProgramData'] ?? env['PROGRAMDATA'] ?? 'C:\\ProgramData', 'Profile Porter', 'policy.json')
  if (platform === 'darwin') return '/Library/Application Support/Profile Porter/policy.json'
  return '/etc/profile-porter/policy.json'
}

const OFF = new Set(['off', '0', 'false', 'no', 'never', 'disabled'])

/**
 * Whether this installation may update itself. IT turns updates off with PORTER_UPDATES=off in the
 * environment, or with `{ "updates": false }` in the policy file. A policy file that cannot be
 * read turns updates off too: someone meant to manage this computer, and guessing would overrule them.
 */
export function updatePolicy(options: { platform: Platform; env: NodeJS.ProcessEnv; policyFile?: string }): UpdatePolicy {
  const fromEnv = options.env['PORTER_UPDATES']?.trim().toLowerCase()
  if (fromEnv !== undefined && OFF.has(fromEnv)) {
    return { enabled: false, reason: 'Updates are turned off on this computer (PORTER_UPDATES).' }
  }
  const file = options.policyFile ?? policyFileFor(options.platform, options.env)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return { enabled: true }
  }
  try {
    const policy = JSON.parse(text) as { updates?: unknown }
    if (policy.updates === false || (typeof policy.updates === 'string' && OFF.has(policy.updates.toLowerCase()))) {
      return { enabled: false, reason: `Updates are turned off by your IT department (${file}).` }
    }
    return { enabled: true }
  } catch {
    return { enabled: false, reason: `Updates are off: the IT policy file ${file} could not be read.` }
  }
}

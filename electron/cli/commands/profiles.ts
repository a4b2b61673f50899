import { createInterface } from 'node:readline/promises'
import { count } from '../../../shared/format'
import type { CliContext } from '../cli-context'
import { call } from '../call'
import { shown, size, table, type Output } from '../output'
import { UsageError } from '../usage'

export async function listCommand(context: CliContext, out: Output, connectionName: string | undefined): Promise<void> {
  const connection = await context.connection(connectionName)
  const { profiles } = await call(context.api, 'profiles:list', { connectionId: connection.id })
  if (out.json) return out.document(profiles)
  if (profiles.length === 0) return out.print(`No profiles in ${connection.name} yet.`)
  out.print(
    table(
      ['ID', 'NAME', 'STATUS', 'SIZE', 'USED', 'LAST USED', 'LABELS'],
      profiles.map((p) => [
        p.id,
        p.name,
        p.damaged === undefined ? p.status : 'damaged: porter repair <id>, or delete',
        size(p.sizeBytes),
        p.usageCount === undefined ? '—' : String(p.usageCount),
        p.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? '—',
        Object.entries(p.labels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')
      ])
    )
  )
}

/** A library profile whose record is damaged, rebuilt from what it still holds. */
export async function repairCommand(context: CliContext, out: Output, args: { id?: string; connection?: string }): Promise<void> {
  if (args.id === undefined) throw new UsageError('Say which profile to repair, e.g. porter repair <id>.')
  const connection = await context.connection(args.connection)
  const profile = await call(context.api, 'profiles:repair', { connectionId: connection.id, id: args.id })
  if (out.json) return out.document(profile)
  out.print(
    `Repaired ${profile.id}: “${profile.name}”, ${profile.status === 'ready' ? `${size(profile.sizeBytes)}, sha256 ${profile.checksum ?? ''}` : 'empty'}.`
  )
}

export async function createCommand(
  context: CliContext,
  out: Output,
  args: { name?: string; description?: string; connection?: string }
): Promise<void> {
  if (args.name === undefined) throw new UsageError('Give the new profile a name with --name.')
  const connection = await context.connection(args.connection)
  const profile = await call(context.api, 'profiles:createEmpty', {
    connectionId: connection.id,
    name: args.name,
    ...(args.description === undefined ? {} : { description: args.description })
  })
  if (out.json) out.document(profile)
  else out.print(`Created “${shown(profile.name)}” (${profile.id}) in ${shown(connection.name)}.`)
}

export async function deleteCommand(
  context: CliContext,
  out: Output,
  args: { ids: string[]; connection?: string; yes: boolean; interactive: boolean }
): Promise<void> {
  if (args.ids.length === 0) throw new UsageError('Say which profiles to delete, by id (see porter list).')
  const connection = await context.connection(args.connection)
  if (!args.yes) {
    if (!args.interactive) throw new UsageError('Deleting cannot be undone: add --yes to delete without being asked.')
    const prompt = createInterface({ input: process.stdin, output: process.stderr })
    const answer = await prompt.question(
      `Delete ${count(args.ids.length, 'profile')} from ${connection.name}? This cannot be undone. [y/N] `
    )
    prompt.close()
    if (!/^y(es)?$/i.test(answer.trim())) return out.print('Nothing was deleted.')
  }
  const result = await call(context.api, 'profiles:delete', { connectionId: connection.id, ids: args.ids })
  if (out.json) out.document(result)
  else {
    // One line per id: a script (or a person) sees which went and which did not.
    for (const id of result.deleted) out.print(`Deleted ${shown(id)}.`)
    for (const id of result.missing)
      process.stderr.write(`No profile ${shown(id)} in ${shown(connection.name)}: nothing to delete (see porter list).\n`)
    for (const failure of result.failed) process.stderr.write(`Could not delete ${shown(failure.id)}: ${failure.error.message}\n`)
  }
  if (result.failed.length > 0 || result.missing.length > 0) process.exitCode = 1
}

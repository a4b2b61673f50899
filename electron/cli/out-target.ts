import { stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { PorterError } from '../../shared/errors'
import { UsageError } from './usage'

/**
 * Where --out may write, checked before any work starts: a file name with one of the endings, in a
 * folder that exists, over an existing file only when `replace` says so. A folder that is missing
 * is one plain sentence — said before packing, so nothing is left behind to clean up.
 */
export async function outTarget(
  out: string,
  options: { endings: { wanted: string[]; why: string } | { example: string }; replace: boolean }
): Promise<string> {
  const target = resolve(out)
  const existing = await stat(target).catch(() => undefined)
  const example = 'example' in options.endings ? options.endings.example : `profile${options.endings.wanted[0] ?? ''}`
  if (existing?.isDirectory() === true) throw new UsageError(`${out} is a folder: give a file name in it, like ${join(out, example)}.`)
  if ('wanted' in options.endings) {
    const { wanted, why } = options.endings
    if (!wanted.some((ending) => target.toLowerCase().endsWith(ending)))
      throw new UsageError(`${why}: end the file name with ${wanted.join(' or ')}.`)
  }
  if (existing !== undefined && !options.replace)
    throw new UsageError(`${out} already exists: add --force to replace it, or choose another name.`)
  const folder = dirname(target)
  const stats = await stat(folder).catch(() => undefined)
  if (stats?.isDirectory() !== true) {
    throw new PorterError({
      code: 'not_found',
      message: `The folder ${folder} ${stats === undefined ? 'does not exist' : 'is not a folder'}: create it, or choose another place with --out.`
    })
  }
  return target
}

import { readFile } from 'node:fs/promises'

/** Reads a JSON object the browser wrote; a missing, unreadable or broken file gives undefined. */
export async function readJsonObject(path: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

export async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch {
    return undefined
  }
}

/** Walks a path of keys through nested JSON objects. */
export function dig(value: unknown, ...keys: string[]): unknown {
  let current = value
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

export function stringAt(value: unknown, ...keys: string[]): string | undefined {
  const found = dig(value, ...keys)
  return typeof found === 'string' && found !== '' ? found : undefined
}

/** Edits (insert, delete, change, swap two neighbours) between two short words. */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[]
    const above = rows[i - 1] as number[]
    for (let j = 1; j <= b.length; j++) {
      const change = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + change)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1)
    }
  }
  return (rows[a.length] as number[])[b.length] as number
}

/**
 * Node's parseArgs errors said as a person needs them: the option as typed and, for a misspelling,
 * the one most likely meant — not Node's advice on positional arguments after `--`.
 */
export function optionMistake(error: Error & { code?: string }, known: string[]): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1]
  if (option === undefined) return error.message
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const typed = option.replace(/^-+/, '')
    const [closest] = known
      .map((name) => ({ name, edits: distance(typed, name) }))
      .filter(({ edits }) => edits <= 2 && edits < typed.length)
      .sort((x, y) => x.edits - y.edits)
    return `porter has no option ${option}.${closest === undefined ? '' : ` Did you mean --${closest.name}?`}`
  }
  if (error.message.endsWith('argument missing')) return `${option} needs a value after it.`
  if (error.message.endsWith('does not take an argument')) return `${option} takes no value.`
  return error.message
}

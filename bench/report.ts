/** One figure per line, `name value unit`, as `npm run bench` promises. */
export function report(name: string, value: number, unit: string): void {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1)
  console.log(`${name} ${shown} ${unit}`)
}

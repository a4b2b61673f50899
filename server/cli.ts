import { parseArgs } from 'node:util'
import { DEFAULT_AGP_KEY, DEFAULT_WEBRUN_KEY, startReferenceCloud } from './reference-cloud'

const usage = `Usage: npm run server -- [--port N] [--data DIR] [--agp-key KEY]... [--webrun-key KEY]...
                         [--upload-expires-in SECONDS] [--webrun-rate-limit N]`

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 0) {
    console.error(`--${name} must be a whole number, not "${value}".\n${usage}`)
    process.exit(2)
  }
  return parsed
}

async function main(): Promise<void> {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        'agp-key': { type: 'string', multiple: true },
        'webrun-key': { type: 'string', multiple: true },
        'upload-expires-in': { type: 'string' },
        'webrun-rate-limit': { type: 'string' },
        help: { type: 'boolean' }
      }
    }))
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`)
    process.exit(2)
  }
  if (values.help) return console.log(usage)
  const cloud = await startReferenceCloud({
    port: positiveInt(values.port, 'port', 8787),
    ...(values.data === undefined ? {} : { dataDir: values.data }),
    agpKeys: values['agp-key'] ?? [DEFAULT_AGP_KEY],
    webrunKeys: values['webrun-key'] ?? [DEFAULT_WEBRUN_KEY],
    uploadExpiresIn: positiveInt(values['upload-expires-in'], 'upload-expires-in', 3600),
    webrunRateLimit: positiveInt(values['webrun-rate-limit'], 'webrun-rate-limit', 100)
  })
  console.log(`reference cloud listening on ${cloud.url}`)
  console.log(`  H Company API: ${cloud.url}/api/v2/browser-profiles   WebRun API: ${cloud.url}/profiles`)
  console.log(`  data: ${cloud.dataDir}`)
  const stop = () => void cloud.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main()

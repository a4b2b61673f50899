import { parseArgs } from 'node:util'
import { DEFAULT_AGP_KEY, DEFAULT_WEBRUN_KEY, startReferenceCloud } from './reference-cloud'

const usage = `Usage: npm run server -- [--port N] [--data DIR] [--agp-key KEY]... [--webrun-key KEY]...
                         [--upload-expires-in SECONDS] [--webrun-rate-limit N]
                         [--browser PATH] [--map HOST[=PORT]]...

--browser runs the session APIs' cloud browser (e.g. /usr/bin/chromium); without it, sessions fail
as at a service with no free browser. --map HOST makes HOST reach this computer (127.0.0.1, the
address's own port, or PORT when given) in that browser; every other name is unreachable there.`

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 0) {
    console.error(`--${name} must be a whole number, not "${value}".\n${usage}`)
    process.exit(2)
  }
  return parsed
}

/** `--map example.com` or `--map example.com=8443` as a `--host-resolver-rules` entry. */
function hostRule(value: string): string {
  const match = /^([a-z0-9.*-]+)(?:=(\d{1,5}))?$/i.exec(value.trim())
  if (match === null) {
    console.error(`--map takes a host name, optionally =PORT; not "${value}".\n${usage}`)
    process.exit(2)
  }
  return `MAP ${match[1]} 127.0.0.1${match[2] === undefined ? '' : `:${match[2]}`}`
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
        browser: { type: 'string' },
        map: { type: 'string', multiple: true },
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
    webrunRateLimit: positiveInt(values['webrun-rate-limit'], 'webrun-rate-limit', 100),
    ...(values.browser === undefined ? {} : { browser: { executable: values.browser, hostRules: (values.map ?? []).map(hostRule) } })
  })
  console.log(`reference cloud listening on ${cloud.url}`)
  console.log(`  H Company API: ${cloud.url}/api/v2/browser-profiles   WebRun API: ${cloud.url}/profiles`)
  console.log(
    `  sessions: ${cloud.url}/api/v2/sessions, ${cloud.url}/start/start-session   browser: ${values.browser ?? 'none (sessions fail: no free browser)'}`
  )
  console.log(`  data: ${cloud.dataDir}`)
  const stop = () => void cloud.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main()

import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import electronLog from 'electron-log/node'
import { redact } from './redact'

export type LogLevel = 'error' | 'warn' | 'info' | 'debug'

/** What services write to: one line per call, every argument redacted before it is formatted. */
export interface Log {
  error(...data: unknown[]): void
  warn(...data: unknown[]): void
  info(...data: unknown[]): void
  debug(...data: unknown[]): void
  /** The file written to, if any (the CLI writes none unless given --log-file). */
  readonly file: string | undefined
}

export interface LogOptions {
  /** The log file; rotated at `maxBytes` into `<name>.old.log`, so at most twice that is kept. */
  file?: string
  level?: LogLevel
  /** Also print lines at or above this level on the console (development only). */
  console?: LogLevel | false
  maxBytes?: number
}

const LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug']

/** The level asked for by PORTER_LOG_LEVEL, when it names one; otherwise `info`. */
export function logLevelFrom(env: NodeJS.ProcessEnv): LogLevel {
  const wanted = env['PORTER_LOG_LEVEL']?.toLowerCase()
  return LEVELS.find((level) => level === wanted) ?? 'info'
}

let instances = 0

/** A log through electron-log's file transport (rotation, synchronous writes), owner-only, redacted. */
export function createLog(options: LogOptions = {}): Log {
  const logger = electronLog.create({ logId: `porter-${++instances}` })
  const { file, console: transports } = logger.transports
  logger.transports.file.setAppName('Profile Porter')
  for (const name of ['ipc', 'remote'] as const) {
    const transport = logger.transports[name] as { level: false | string } | undefined
    if (transport !== undefined) transport.level = false
  }
  transports.level = options.console ?? false
  const path = options.file !== undefined && folderReady(options.file) ? options.file : undefined
  if (path === undefined) {
    file.level = false
  } else {
    file.level = options.level ?? 'info'
    file.resolvePathFn = () => path
    file.maxSize = options.maxBytes ?? 1024 * 1024
    // Synchronous appends: a line written just before a crash is on disk when the process dies.
    file.sync = true
    file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' }
  }
  logger.hooks.push((message) => ({ ...message, data: redact(message.data) }))
  return {
    error: (...data) => logger.error(...data),
    warn: (...data) => logger.warn(...data),
    info: (...data) => logger.info(...data),
    debug: (...data) => logger.debug(...data),
    file: path
  }
}

/** A log that cannot be written (a data folder that is a file) must not stop the app from saying why it cannot start. */
function folderReady(file: string): boolean {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
    return true
  } catch {
    return false
  }
}

/** For code that must not fail when nobody asked for a log. */
export const silentLog: Log = { error() {}, warn() {}, info() {}, debug() {}, file: undefined }

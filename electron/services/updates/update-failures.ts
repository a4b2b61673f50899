/** Failures of reaching the feed: expected on trains, in offices, behind proxies. */
const UNREACHABLE = new Set(['ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'])

function codeOf(error: Error): string {
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') return code
  return /net::(ERR_[A-Z_]+)/.exec(error.message)?.[1] ?? ''
}

/** Why a check failed: a sentence for a person who asked, a line for the log. */
export function describeCheckFailure(error: Error): { sentence: string; logLine: string; noFeed: boolean } {
  const code = codeOf(error)
  if (code === 'ENOENT' && /app-update\.yml/.test(error.message)) {
    return {
      sentence: 'This build of Profile Porter has no update feed, so it does not update itself.',
      logLine: 'this build has no update feed.',
      noFeed: true
    }
  }
  if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND') {
    return {
      sentence: 'The update server has no release for this system yet. Try again later.',
      logLine: 'the update feed has no release file for this system; next check in a few hours.',
      noFeed: false
    }
  }
  const status = (error as { statusCode?: unknown }).statusCode
  if (typeof status === 'number') {
    return {
      sentence: `The update server answered ${status}. Try again later.`,
      logLine: `the update server answered ${status}; next check in a few hours.`,
      noFeed: false
    }
  }
  const reason = code || (/timed out/i.test(error.message) ? 'timed out' : 'no answer')
  const known = UNREACHABLE.has(code) || code.startsWith('ERR_') || reason === 'timed out'
  return {
    sentence: 'The update server could not be reached. Check the connection, and try again later.',
    logLine: `the update server could not be reached (${known ? reason : error.message}); next check in a few hours.`,
    noFeed: false
  }
}

/** Why a downloaded update was thrown away, in the words the window shows. */
export function describeDownloadFailure(error: Error): string {
  const code = codeOf(error)
  if (code === 'ERR_CHECKSUM_MISMATCH' || /sha512 checksum mismatch/i.test(error.message)) {
    return 'The downloaded update did not match its published checksum, so it was thrown away. Profile Porter will try again later.'
  }
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE' || /not signed by the application owner/i.test(error.message)) {
    return 'The downloaded update was not signed by the publisher of Profile Porter, so it was thrown away.'
  }
  return 'The update could not be downloaded completely, so it was thrown away. Profile Porter will try again later.'
}

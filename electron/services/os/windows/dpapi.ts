import { KeyUnavailable } from '../../portability/key-sources'
import { withinTime } from '../time-limit'
import { declared, win32 } from './win32'

/** CRYPTPROTECT_UI_FORBIDDEN: never show a prompt; fail instead. */
const NO_UI = 0x1
const DPAPI_TIME_LIMIT_MS = 10_000

const unprotect = declared(({ crypt32, koffi, DATA_BLOB }) =>
  crypt32.func('__stdcall', 'CryptUnprotectData', 'bool', [
    koffi.pointer(DATA_BLOB),
    'void *',
    'void *',
    'void *',
    'void *',
    'uint32',
    koffi.out(koffi.pointer(DATA_BLOB))
  ])
)
const getLastError = declared(({ kernel32 }) => kernel32.func('__stdcall', 'GetLastError', 'uint32', []))
const localFree = declared(({ kernel32 }) => kernel32.func('__stdcall', 'LocalFree', 'void *', ['void *']))

/** What the common DPAPI failures mean for the person at the computer. */
function meaning(code: number): string {
  if (code === 13) return 'the key is damaged or was made for another Windows account or computer'
  if (code === 0x8009000b) return 'the Windows password was reset, which locks keys made before'
  if (code === 5) return 'Windows denied access'
  return `Windows error ${code}`
}

/**
 * Unwraps a blob DPAPI protected for the signed-in Windows user (a browser's cookie key) with
 * CryptUnprotectData, called directly: no shell, no PowerShell that a file of the same name in
 * the current folder could replace. On a worker thread, given at most ten seconds.
 */
export async function dpapiUnprotect(blob: Buffer, timeLimitMs = DPAPI_TIME_LIMIT_MS): Promise<Buffer> {
  let call: Awaited<ReturnType<typeof unprotect>>
  let api: Awaited<ReturnType<typeof win32>>
  try {
    ;[call, api] = await Promise.all([unprotect(), win32()])
  } catch (error) {
    throw new KeyUnavailable(`Profile Porter could not reach Windows' data protection (DPAPI): ${(error as Error).message}`)
  }
  const output: { cbData?: number; pbData?: unknown } = {}
  const ok = await withinTime(
    new Promise<boolean>((resolve, reject) =>
      call.async({ cbData: blob.length, pbData: blob }, null, null, null, null, NO_UI, output, (error: unknown, result: boolean) =>
        error ? reject(error as Error) : resolve(result)
      )
    ),
    timeLimitMs,
    () =>
      new KeyUnavailable(`Windows did not unlock the cookie key within ${timeLimitMs / 1000} seconds, so Profile Porter stopped waiting`)
  ).catch((error: unknown) => {
    if (error instanceof KeyUnavailable) throw error
    throw new KeyUnavailable(`Windows would not unlock the cookie key: ${(error as Error).message}`)
  })
  if (!ok) throw new KeyUnavailable(`Windows would not unlock the cookie key: ${meaning(Number((await getLastError())()))}`)
  try {
    return Buffer.from(api.koffi.decode(output.pbData, 'uint8', output.cbData ?? 0) as Uint8Array)
  } finally {
    ;(await localFree())(output.pbData)
  }
}

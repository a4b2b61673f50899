import { declared, win32 } from './win32'

const TOKEN_QUERY = 0x8
const TOKEN_USER = 1
const SDDL_REVISION_1 = 1
const DACL_SECURITY_INFORMATION = 0x4
const PROTECTED_DACL_SECURITY_INFORMATION = 0x80000000

const getCurrentProcess = declared(({ kernel32 }) => kernel32.func('__stdcall', 'GetCurrentProcess', 'void *', []))
const closeHandle = declared(({ kernel32 }) => kernel32.func('__stdcall', 'CloseHandle', 'bool', ['void *']))
const localFree = declared(({ kernel32 }) => kernel32.func('__stdcall', 'LocalFree', 'void *', ['void *']))
const getLastError = declared(({ kernel32 }) => kernel32.func('__stdcall', 'GetLastError', 'uint32', []))
const openProcessToken = declared(({ advapi32, koffi }) =>
  advapi32.func('__stdcall', 'OpenProcessToken', 'bool', ['void *', 'uint32', koffi.out(koffi.pointer('void *'))])
)
const getTokenInformation = declared(({ advapi32, koffi }) =>
  advapi32.func('__stdcall', 'GetTokenInformation', 'bool', ['void *', 'int', 'void *', 'uint32', koffi.out(koffi.pointer('uint32'))])
)
const sidToString = declared(({ advapi32, koffi }) =>
  advapi32.func('__stdcall', 'ConvertSidToStringSidW', 'bool', ['void *', koffi.out(koffi.pointer('void *'))])
)
const sddlToDescriptor = declared(({ advapi32, koffi }) =>
  advapi32.func('__stdcall', 'ConvertStringSecurityDescriptorToSecurityDescriptorW', 'bool', [
    'str16',
    'uint32',
    koffi.out(koffi.pointer('void *')),
    'void *'
  ])
)
const setFileSecurity = declared(({ advapi32 }) => advapi32.func('__stdcall', 'SetFileSecurityW', 'bool', ['str16', 'uint32', 'void *']))

async function failed(what: string): Promise<Error> {
  return new Error(`${what} failed (Windows error ${Number((await getLastError())())})`)
}

/** The signed-in user's SID ("S-1-5-21-…"), from this process's own token. */
async function currentUserSid(): Promise<string> {
  const { koffi } = await win32()
  const token: unknown[] = [null]
  if (!(await openProcessToken())((await getCurrentProcess())(), TOKEN_QUERY, token)) throw await failed('OpenProcessToken')
  try {
    const user = Buffer.alloc(256)
    if (!(await getTokenInformation())(token[0], TOKEN_USER, user, user.length, [0])) throw await failed('GetTokenInformation')
    const text: unknown[] = [null]
    // TOKEN_USER starts with the SID's address.
    if (!(await sidToString())(koffi.decode(user, 'void *'), text)) throw await failed('ConvertSidToStringSidW')
    try {
      return koffi.decode(text[0], 'char16_t', -1) as string
    } finally {
      ;(await localFree())(text[0])
    }
  } finally {
    ;(await closeHandle())(token[0])
  }
}

/** One allow entry for the user, inherited by every file and folder inside; nothing inherited from above. */
function ownerOnlySddl(sid: string): string {
  return `D:P(A;OICI;FA;;;${sid})`
}

/**
 * Makes a folder the signed-in Windows user's alone: a protected access list granting that user
 * full control and no one else (mode bits, which Windows ignores, cannot). Returns the list, in SDDL.
 */
export async function restrictToOwner(dir: string): Promise<string> {
  const sddl = ownerOnlySddl(await currentUserSid())
  const descriptor: unknown[] = [null]
  if (!(await sddlToDescriptor())(sddl, SDDL_REVISION_1, descriptor, null))
    throw await failed('ConvertStringSecurityDescriptorToSecurityDescriptorW')
  try {
    if (!(await setFileSecurity())(dir, DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION, descriptor[0]))
      throw await failed('SetFileSecurityW')
  } finally {
    ;(await localFree())(descriptor[0])
  }
  return sddl
}

import type { IKoffiLib } from 'koffi'

type Koffi = typeof import('koffi')
export type Win32Function = ReturnType<IKoffiLib['func']>

/**
 * Windows' own DLLs, called directly through koffi (an N-API FFI with prebuilt binaries, so nothing
 * is rebuilt for Electron, and no shell or helper program runs). Loaded on first use, on Windows only.
 */
export interface Win32 {
  koffi: Koffi
  /** DPAPI's byte buffer: a length and a pointer. */
  DATA_BLOB: ReturnType<Koffi['struct']>
  crypt32: IKoffiLib
  kernel32: IKoffiLib
  advapi32: IKoffiLib
}

let loaded: Promise<Win32> | undefined

export function win32(): Promise<Win32> {
  loaded ??= import('koffi').then((module) => {
    const koffi = (module as { default?: Koffi }).default ?? (module as Koffi)
    return {
      koffi,
      DATA_BLOB: koffi.struct('DATA_BLOB', { cbData: 'uint32', pbData: 'void *' }),
      crypt32: koffi.load('crypt32.dll'),
      kernel32: koffi.load('kernel32.dll'),
      advapi32: koffi.load('advapi32.dll')
    }
  })
  return loaded
}

/** Declares a function once per process (koffi keeps every declaration it is given). */
export function declared(make: (api: Win32) => Win32Function): () => Promise<Win32Function> {
  let made: Win32Function | undefined
  return async () => (made ??= make(await win32()))
}

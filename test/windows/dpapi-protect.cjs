// Run by Windows Node under Wine: wraps a key (hex, argv[2]) with the user's DPAPI, as Chrome does
// for Local State's os_crypt.encrypted_key, and prints the blob in base64.
const koffi = require('koffi')
const crypt32 = koffi.load('crypt32.dll')
const kernel32 = koffi.load('kernel32.dll')
const DATA_BLOB = koffi.struct('DATA_BLOB', { cbData: 'uint32', pbData: 'void *' })
const protect = crypt32.func('__stdcall', 'CryptProtectData', 'bool', [
  koffi.pointer(DATA_BLOB),
  'str16',
  'void *',
  'void *',
  'void *',
  'uint32',
  koffi.out(koffi.pointer(DATA_BLOB))
])
const localFree = kernel32.func('__stdcall', 'LocalFree', 'void *', ['void *'])
const key = Buffer.from(process.argv[2], 'hex')
const output = {}
if (!protect({ cbData: key.length, pbData: key }, null, null, null, null, 1, output)) throw new Error('CryptProtectData failed')
process.stdout.write(Buffer.from(koffi.decode(output.pbData, 'uint8', output.cbData)).toString('base64'))
localFree(output.pbData)

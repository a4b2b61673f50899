import { useAppInfo } from '../../app/queries'

function keyStorageWords(info: ReturnType<typeof useAppInfo>['data']): { kept: string; help?: string } {
  if (info?.keyStorage === 'os-encrypted')
    return { kept: 'The API key is stored encrypted by your operating system and never shown again.' }
  if (info?.shell === 'bridge') {
    return {
      kept: 'In the browser (web mode) API keys are kept in memory only, never written to disk: you enter them again after npm run web restarts.'
    }
  }
  return {
    kept: 'Keys cannot be stored safely on this computer: no keyring (such as GNOME Keyring or KWallet) is running, so this key is kept only until Profile Porter closes.',
    help: 'To keep keys, install and unlock a keyring (on Debian or Ubuntu: sudo apt install gnome-keyring), sign out and in again, then restart Profile Porter.'
  }
}

/** Where a key typed here will be kept, said plainly, so nobody believes a key is safer than it is. */
export function KeyStorageNote() {
  const info = useAppInfo().data
  if (info === undefined) return null
  const words = keyStorageWords(info)
  if (info.keyStorage === 'os-encrypted') return <p className="muted">{words.kept}</p>
  return (
    <p className="notice" role="note">
      {words.kept} {words.help}
    </p>
  )
}

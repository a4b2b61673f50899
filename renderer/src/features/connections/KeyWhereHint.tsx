import { keyPages } from '../../../../shared/domain/service-addresses'

/**
 * Where a key comes from, for someone who has none yet or whose key was refused. The link opens in the person's own browser
 * (the app's window-open handler hands https links to the OS); the key is then pasted here.
 */
export function KeyWhereHint({ id, kind, lead }: { id: string; kind: 'hcompany' | 'webrun'; lead: 'No key yet?' | 'Need a new key?' }) {
  const link = (text: string) => (
    <a href={keyPages[kind]} target="_blank" rel="noreferrer">
      {text}
    </a>
  )
  return (
    <p id={id} className="muted">
      {kind === 'hcompany' ? (
        <>
          {lead} Open {link('your H platform’s API keys')} and choose Create key. The key is shown only once: copy it, then paste it here.
        </>
      ) : (
        <>
          {lead} Sign in at {link('webrun.ai')}, open Settings → API Keys and choose Create API Key, then paste the key here.
        </>
      )}
    </p>
  )
}

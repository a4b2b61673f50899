import { Cloud, Laptop } from 'lucide-react'
import type { ConnectionKind } from '../../../../shared/domain/connection'

export function ConnectionIcon({ kind }: { kind: ConnectionKind }) {
  const Icon = kind === 'local' ? Laptop : Cloud
  return <Icon aria-hidden="true" size={18} strokeWidth={1.75} />
}

export const kindLabels: Record<ConnectionKind, string> = {
  local: 'Kept on this computer',
  hcompany: 'H Company Agent Platform',
  webrun: 'WebRun'
}

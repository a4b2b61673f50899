import type { ReceiptDeps } from '../transfers/keep-receipt'
import type { PorterServices } from './porter-services'

/** Where an upload's receipt goes, and the connection it names as the person sees it. */
export async function receiptDeps({ connections, receipts, facts }: PorterServices, connectionId: string): Promise<ReceiptDeps> {
  const connection = (await connections.list()).find((candidate) => candidate.id === connectionId)
  if (connection === undefined) return {}
  return {
    receipts: {
      store: receipts,
      connection: { id: connection.id, name: connection.name, kind: connection.kind },
      account: (profile) => connections.account(connectionId, profile),
      now: facts.now
    }
  }
}

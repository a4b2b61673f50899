import type { Profile } from '../../../shared/domain/profile'
import type { ConnectionsService } from '../settings/connections-service'
import type { ReceiptFilter } from './receipt-store'

/**
 * The receipts of a connection: receipts name the account they went to, so a connection removed and
 * added again finds its own. Every receipt when no connection is named.
 */
export async function receiptsAt(
  connections: Pick<ConnectionsService, 'account'>,
  connectionId: string | undefined,
  profile?: Profile
): Promise<Omit<ReceiptFilter, 'profileId'>> {
  return connectionId === undefined ? {} : { connectionId, account: await connections.account(connectionId, profile) }
}

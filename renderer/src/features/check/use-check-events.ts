import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { CloudCheck } from '../../../../shared/domain/check'
import { queryKeys } from '../../app/queries'
import { porter } from '../../lib/porter'
import { useChecksStore } from '../../state/checks-store'

/** Feeds checks' live lines into the store; a check that ends refreshes its profile's badge, receipt and usage. */
export function useCheckEvents(): void {
  const client = useQueryClient()
  useEffect(
    () =>
      porter.checks.onUpdated((check) => {
        useChecksStore.getState().upsert(check)
        if (check.status === 'running') return
        void client.invalidateQueries({ queryKey: queryKeys.checks(check.connection.id) })
        void client.invalidateQueries({ queryKey: queryKeys.receipts(check.connection.id, check.profile.id) })
        void client.invalidateQueries({ queryKey: queryKeys.profiles(check.connection.id) })
      }),
    [client]
  )
}

/** The latest check of each profile of a connection (for the badges); none for the library on this computer. */
export function useLatestChecks(connectionId: string, enabled: boolean): Record<string, CloudCheck> {
  const checks = useQuery({
    queryKey: queryKeys.checks(connectionId),
    queryFn: () => porter.checks.list({ connectionId }),
    enabled
  })
  const latest: Record<string, CloudCheck> = {}
  for (const check of checks.data ?? []) if (check.status !== 'running') latest[check.profile.id] ??= check
  return latest
}

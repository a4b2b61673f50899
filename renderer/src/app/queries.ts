import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { porter } from '../lib/porter'
import { useBanners } from '../state/banners-store'
import { useTransfersStore } from '../state/transfers-store'

export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  connections: ['connections'] as const,
  profiles: (connectionId: string) => ['profiles', connectionId] as const,
  browsers: ['browsers'] as const,
  preflight: (ref: string, connectionId: string, pack: unknown) => ['preflight', ref, connectionId, pack] as const,
  sites: (ref: string) => ['sites', ref] as const,
  refreshPreview: (connectionId: string, profileId: string) => ['refresh-preview', connectionId, profileId] as const,
  receipts: (connectionId: string, profileId: string) => ['receipts', connectionId, profileId] as const,
  checks: (connectionId: string) => ['checks', connectionId] as const
}

export function useAppInfo() {
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => porter.app.getInfo(), staleTime: Infinity })
}

export function useConnections() {
  return useQuery({ queryKey: queryKeys.connections, queryFn: () => porter.connections.list() })
}

export function useProfiles(connectionId: string) {
  return useQuery({ queryKey: queryKeys.profiles(connectionId), queryFn: () => porter.profiles.list({ connectionId }), retry: false })
}

export function useDetectedProfiles() {
  return useQuery({ queryKey: queryKeys.browsers, queryFn: () => porter.browsers.detect() })
}

/** Feeds transfer events into the store, and refreshes a connection's list when its job ends. */
export function useTransferEvents(): void {
  const client = useQueryClient()
  useEffect(() => {
    const { upsert, report, replaceAll } = useTransfersStore.getState()
    void porter.transfers.list().then(replaceAll)
    const offProgress = porter.transfers.onProgress(report)
    const offUpdated = porter.transfers.onUpdated((job) => {
      upsert(job)
      if (job.status !== 'running') void client.invalidateQueries({ queryKey: queryKeys.profiles(job.connectionId) })
    })
    return () => {
      offProgress()
      offUpdated()
    }
  }, [client])
}

/** What main has to tell once (settings moved aside, leftovers cleaned up), shown until dismissed. */
export function useStartupNotices(): void {
  useEffect(() => {
    void porter.app.takeNotices().then(useBanners.getState().show)
  }, [])
}

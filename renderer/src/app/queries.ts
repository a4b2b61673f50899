import { useQuery } from '@tanstack/react-query'
import { porter } from '../lib/porter'

export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  connections: ['connections'] as const
}

export function useAppInfo() {
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => porter.app.getInfo(), staleTime: Infinity })
}

export function useConnections() {
  return useQuery({ queryKey: queryKeys.connections, queryFn: () => porter.connections.list() })
}

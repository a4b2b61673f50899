import type { Profile } from '../../../../shared/domain/profile'
import type { SortKey } from '../../state/ui-store'

export interface ListFilters {
  search: string
  statusFilter: Profile['status'] | 'all'
  labelFilter: string
  sort: { key: SortKey; direction: 'asc' | 'desc' }
}

function sortValue(profile: Profile, key: SortKey): string | number {
  if (key === 'browser') return `${profile.browser ?? ''} ${profile.browserVersion ?? ''}`
  const value = profile[key]
  return typeof value === 'number' ? value : (value ?? '')
}

/** Search by name or label, filter by status and label, sort by any column; absent values sort last. */
export function visibleProfiles(profiles: Profile[], filters: ListFilters): Profile[] {
  const needle = filters.search.trim().toLowerCase()
  const matches = profiles.filter((profile) => {
    if (filters.statusFilter !== 'all' && profile.status !== filters.statusFilter) return false
    const labels = Object.entries(profile.labels ?? {}).map(([key, value]) => `${key}=${value}`)
    if (filters.labelFilter !== '' && !labels.includes(filters.labelFilter)) return false
    return needle === '' || profile.name.toLowerCase().includes(needle) || labels.some((label) => label.toLowerCase().includes(needle))
  })
  const sign = filters.sort.direction === 'asc' ? 1 : -1
  return matches.sort((a, b) => {
    const left = sortValue(a, filters.sort.key)
    const right = sortValue(b, filters.sort.key)
    if (left === '' && right !== '') return 1
    if (right === '' && left !== '') return -1
    return (left < right ? -1 : left > right ? 1 : 0) * sign
  })
}

export function allLabels(profiles: Profile[]): string[] {
  return [...new Set(profiles.flatMap((profile) => Object.entries(profile.labels ?? {}).map(([key, value]) => `${key}=${value}`)))].sort()
}

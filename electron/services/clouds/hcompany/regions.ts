/** H Company's hosts; EU is the default (research/apis.md §1.1). */
export const hcompanyRegions = {
  eu: 'https://agp.eu.hcompany.ai',
  us: 'https://agp.hcompany.ai'
} as const

export const HCOMPANY = 'H Company'

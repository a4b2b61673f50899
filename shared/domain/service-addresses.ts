/** Where the services live: H Company's Agent Platform per region (EU, the default, or US); WebRun in one place. */
export const serviceAddresses = {
  'hcompany-eu': 'https://agp.eu.hcompany.ai',
  'hcompany-us': 'https://agp.hcompany.ai',
  webrun: 'https://connect.webrun.ai'
} as const

/**
 * Where a person creates an API key, from each service's own pages (hub.hcompany.ai/agent-api/authentication:
 * "Create a key at platform.eu.hcompany.ai/settings/api-keys"; docs.webrun.ai's quickstart: "Sign up at
 * webrun.ai, Settings → API Keys").
 */
export const keyPages = {
  hcompany: 'https://platform.eu.hcompany.ai/settings/api-keys',
  webrun: 'https://webrun.ai'
} as const

/** Where the services live: H Company's Agent Platform per region (EU, the default, or US); WebRun in one place. */
export const serviceAddresses = {
  'hcompany-eu': 'https://agp.eu.hcompany.ai',
  'hcompany-us': 'https://agp.hcompany.ai',
  webrun: 'https://connect.webrun.ai'
} as const

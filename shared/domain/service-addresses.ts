/** Where the services live (research/apis.md): H Company by region, EU the default; WebRun. */
export const serviceAddresses = {
  'hcompany-eu': 'https://agp.eu.hcompany.ai',
  'hcompany-us': 'https://agp.hcompany.ai',
  webrun: 'https://connect.webrun.ai'
} as const

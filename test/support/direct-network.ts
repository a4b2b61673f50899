import { createNetwork, type Network } from '../../electron/services/net/network'

/** The network as tests on loopback use it: no proxy, Node's own certificate authorities. */
export function directNetwork(): Network {
  return createNetwork({ proxyFor: async () => undefined, ca: () => [] })
}

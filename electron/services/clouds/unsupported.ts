import { PorterError } from '../../../shared/errors'

/** For what a service's capabilities already say it cannot do. */
export function unsupported(service: string, what: string): PorterError {
  return new PorterError({ code: 'invalid_input', message: `${service} does not offer ${what}.` })
}

import { count } from '../format'

/** A full account, in the same words wherever it is found: choosing the connection, creating, importing. */
export function accountFull(service: string, max: number): { message: string; action: string } {
  return {
    message: `${service} holds at most ${count(max, 'profile')}, and this account has ${max}.`,
    action: 'Delete a profile first (select it in the list, then Delete), then try again.'
  }
}

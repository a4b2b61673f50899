/**
 * Page scripts (run with page.evaluate) that keep and read one value in a site's IndexedDB:
 * database `app`, store `kv`, key `token`. This project is typed for Node, so the page's globals are declared here.
 */
interface PageRequest<T> {
  result: T
  transaction?: { abort(): void } | null
  onsuccess: (() => void) | null
  onerror: (() => void) | null
  onupgradeneeded: (() => void) | null
}
interface PageDatabase {
  objectStoreNames: { contains(name: string): boolean }
  createObjectStore(name: string): unknown
  transaction(
    name: string,
    mode?: string
  ): {
    objectStore(name: string): { put(value: string, key: string): unknown; get(key: string): PageRequest<unknown> }
    oncomplete: (() => void) | null
  }
  close(): void
}
declare const indexedDB: { open(name: string, version?: number): PageRequest<PageDatabase> }

export function putInIndexedDb(value: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('app', 1)
    open.onupgradeneeded = () => open.result.createObjectStore('kv')
    open.onsuccess = () => {
      const tx = open.result.transaction('kv', 'readwrite')
      tx.objectStore('kv').put(value, 'token')
      tx.oncomplete = () => (open.result.close(), resolve())
    }
    open.onerror = () => reject(new Error('indexedDB.open failed'))
  })
}

/** The value, or undefined where the site has none (the database is not created by looking). */
export function getFromIndexedDb(): Promise<unknown> {
  return new Promise((resolve) => {
    const open = indexedDB.open('app')
    open.onupgradeneeded = () => open.transaction?.abort()
    open.onerror = () => resolve(undefined)
    open.onsuccess = () => {
      if (!open.result.objectStoreNames.contains('kv')) return resolve(undefined)
      const request = open.result.transaction('kv').objectStore('kv').get('token')
      request.onsuccess = () => resolve(request.result)
    }
  })
}

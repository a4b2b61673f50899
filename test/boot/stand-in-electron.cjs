// A recording stand-in for the `electron` module, resolved in its place when the built main bundle
// is loaded in plain Node (the real binary cannot be downloaded on our machines). It does what the
// app needs of Electron just enough to drive the lifecycle, and writes down every call.
'use strict'
const { EventEmitter } = require('node:events')
const http = require('node:http')
const https = require('node:https')
const { readFile } = require('node:fs/promises')
const { fileURLToPath } = require('node:url')

const config = globalThis.__standInConfig
const log = []
const record = (what, detail) => log.push(detail === undefined ? { what } : { what, detail })

let ready = false
let resolveReady
const whenReadyPromise = new Promise((resolve) => (resolveReady = resolve))

class StandInApp extends EventEmitter {
  constructor() {
    super()
    this.isPackaged = config.packaged === true
    this.exitCode = undefined
  }
  requestSingleInstanceLock() {
    record('app.requestSingleInstanceLock')
    return config.singleInstanceLock !== false
  }
  whenReady() {
    return whenReadyPromise
  }
  isReady() {
    return ready
  }
  getPath(name) {
    const path = config.paths[name]
    if (path === undefined) throw new Error(`stand-in: no path for ${name}`)
    return path
  }
  getVersion() {
    return config.version ?? '0.0.0-boot'
  }
  getName() {
    return 'Profile Porter'
  }
  relaunch() {
    record('app.relaunch')
  }
  setAppUserModelId(id) {
    record('app.setAppUserModelId', id)
  }
  quit() {
    record('app.quit')
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true
      }
    }
    this.emit('before-quit', event)
    if (!event.defaultPrevented) {
      record('app.quit:went-ahead')
      this.emit('will-quit', event)
      this.emit('quit', event, 0)
    }
  }
  exit(code) {
    record('app.exit', code)
    this.exitCode = code
  }
}
const app = new StandInApp()

let nextContentsId = 1
const allContents = new Map()

class StandInWebContents extends EventEmitter {
  constructor() {
    super()
    this.id = nextContentsId++
    this.destroyed = false
    this.sent = []
    this.url = ''
    this.mainFrame = { url: '' }
    allContents.set(this.id, this)
  }
  isDestroyed() {
    return this.destroyed
  }
  send(channel, payload) {
    this.sent.push({ channel, payload })
  }
  reload() {
    record('webContents.reload', this.id)
  }
  getURL() {
    return this.url
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler
  }
}

const windows = []
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super()
    record('new BrowserWindow', options)
    this.options = options
    this.webContents = new StandInWebContents()
    this.destroyed = false
    this.shown = false
    this.progress = []
    windows.push(this)
    app.emit('web-contents-created', {}, this.webContents)
  }
  static getAllWindows() {
    return windows.filter((window) => !window.destroyed)
  }
  static getFocusedWindow() {
    return BrowserWindow.getAllWindows()[0] ?? null
  }
  loadURL(url) {
    record('window.loadURL', url)
    this.webContents.url = url
    this.webContents.mainFrame.url = url
    setImmediate(() => this.emit('ready-to-show'))
    return Promise.resolve()
  }
  show() {
    this.shown = true
  }
  isDestroyed() {
    return this.destroyed
  }
  isMinimized() {
    return false
  }
  restore() {}
  focus() {
    record('window.focus', this.webContents.id)
  }
  setProgressBar(value, options) {
    this.progress.push({ value, mode: options?.mode })
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: this.options.width, height: this.options.height }
  }
  isMaximized() {
    return false
  }
  maximize() {
    record('window.maximize')
  }
  /** What clicking the close button does: 'close' may be prevented; otherwise the window goes. */
  close() {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true
      }
    }
    this.emit('close', event)
    if (event.defaultPrevented) return false
    this.destroy()
    return true
  }
  destroy() {
    this.destroyed = true
    this.webContents.destroyed = true
    allContents.delete(this.webContents.id)
    this.emit('closed')
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed')
  }
}

const handlers = new Map()
const ipcMain = {
  handle(channel, handler) {
    handlers.set(channel, handler)
  },
  removeHandler(channel) {
    handlers.delete(channel)
  }
}

const privilegedSchemes = []
const protocolHandlers = new Map()
const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record('protocol.registerSchemesAsPrivileged', { schemes, beforeReady: !ready })
    privilegedSchemes.push(...schemes)
  },
  handle(scheme, handler) {
    protocolHandlers.set(scheme, handler)
  }
}

const net = {
  async fetch(url) {
    return new Response(await readFile(fileURLToPath(url)))
  },
  /** Electron's ClientRequest, as electron-updater uses it, played by Node's own (no redirects followed). */
  request(options) {
    const { session: _session, redirect: _redirect, ...rest } = options
    record('net.request', `${rest.protocol}//${rest.hostname}:${rest.port}${rest.path}`)
    return (rest.protocol === 'https:' ? https : http).request(rest)
  }
}

/** Electron's own autoUpdater (Squirrel): electron-updater only emits an event on it before quitting. */
const autoUpdater = new EventEmitter()

const permissions = {}
const session = {
  fromPartition(partition) {
    return { partition }
  },
  defaultSession: {
    setPermissionRequestHandler(handler) {
      permissions.request = handler
    },
    setPermissionCheckHandler(handler) {
      permissions.check = handler
    }
  }
}

const xor = (bytes) => Buffer.from([...bytes].map((byte) => byte ^ 0x5a))
const safeStorage = {
  async isAsyncEncryptionAvailable() {
    return config.encryptionAvailable !== false
  },
  getSelectedStorageBackend() {
    return config.storageBackend ?? 'gnome_libsecret'
  },
  async encryptStringAsync(plain) {
    return xor(Buffer.from(plain))
  },
  async decryptStringAsync(encrypted) {
    return { result: xor(encrypted).toString(), shouldReEncrypt: false }
  },
  isEncryptionAvailable() {
    throw new Error('stand-in: the app must use the asynchronous safeStorage API')
  },
  encryptString() {
    throw new Error('stand-in: the app must use the asynchronous safeStorage API')
  }
}

const dialogAnswers = [...(config.messageBoxAnswers ?? [])]
const dialog = {
  showErrorBox(title, content) {
    record('dialog.showErrorBox', { title, content })
  },
  async showMessageBox(...args) {
    const options = args.length === 2 ? args[1] : args[0]
    record('dialog.showMessageBox', { message: options.message, buttons: options.buttons })
    // The harness may look at the world at the very moment a dialog appears, before it is answered.
    module.exports.__standIn.onMessageBox?.(options)
    return { response: dialogAnswers.shift() ?? options.cancelId ?? 0, checkboxChecked: false }
  },
  async showSaveDialog(...args) {
    const options = args.length === 2 ? args[1] : args[0]
    return { canceled: false, filePath: options.defaultPath }
  }
}

const shell = {
  async openExternal(url) {
    record('shell.openExternal', url)
  },
  showItemInFolder(path) {
    record('shell.showItemInFolder', path)
  },
  async openPath(path) {
    record('shell.openPath', path)
    return ''
  }
}

const menus = []
const Menu = {
  buildFromTemplate(template) {
    return { template }
  },
  setApplicationMenu(menu) {
    record('Menu.setApplicationMenu', menu.template.length)
    menus.push(menu)
  }
}

class Notification {
  static isSupported() {
    return true
  }
  constructor(options) {
    this.options = options
  }
  show() {
    record('Notification.show', this.options)
  }
}

const webContents = {
  getAllWebContents: () => [...allContents.values()]
}

// What a sandboxed preload gets from `require('electron')`.
const exposed = {}
const rendererListeners = new Map()
const contextBridge = {
  exposeInMainWorld(key, api) {
    exposed[key] = api
  }
}
const ipcRenderer = {
  invoke() {
    throw new Error('stand-in: ipcRenderer is wired by the boot harness')
  },
  on(channel, listener) {
    if (!rendererListeners.has(channel)) rendererListeners.set(channel, new Set())
    rendererListeners.get(channel).add(listener)
  },
  removeListener(channel, listener) {
    rendererListeners.get(channel)?.delete(listener)
  }
}

module.exports = {
  app,
  BrowserWindow,
  ipcMain,
  protocol,
  net,
  session,
  safeStorage,
  dialog,
  shell,
  Menu,
  Notification,
  autoUpdater,
  webContents,
  contextBridge,
  ipcRenderer,
  // For the harness, not the app.
  __standIn: {
    log,
    windows,
    handlers,
    protocolHandlers,
    privilegedSchemes,
    permissions,
    exposed,
    rendererListeners,
    menus,
    /** Clicks a menu item of the application menu, found by its label. */
    clickMenuItem(label) {
      const items = menus.at(-1).template.flatMap((entry) => entry.submenu ?? [])
      const item = items.find((candidate) => candidate.label === label)
      if (item === undefined) throw new Error(`stand-in: no menu item ${label}`)
      item.click()
    },
    becomeReady() {
      ready = true
      app.emit('ready')
      resolveReady()
    }
  }
}

import type { BrowserFamily } from '../../../shared/domain/detected-profile'

/**
 * Where each browser keeps its profiles, per OS, as data: the user-data folder under the OS's base folder.
 * A path starts from a base folder; a segment with `*` matches folder names (Arc's MSIX package).
 */
export type PathBase = 'localAppData' | 'appData' | 'appSupport' | 'config' | 'chromeConfig' | 'home'
export type Packaging = 'native' | 'flatpak' | 'snap' | 'msix'

export interface PathSpec {
  base: PathBase
  parts: string[]
  packaging?: Packaging
}

export interface BrowserDef {
  id: string
  name: string
  family: BrowserFamily
  channel: string
  /** The name macOS Keychain / Linux keyring uses for the cookie key ("Chrome Safe Storage"). */
  safeStorage?: string
  /** Opera keeps the default profile in the user-data folder itself. */
  flatLayout?: boolean
  paths: { win32?: PathSpec[]; darwin?: PathSpec[]; linux?: PathSpec[] }
}

const flatpak = (app: string, ...parts: string[]): PathSpec => ({
  base: 'home',
  parts: ['.var', 'app', app, ...parts],
  packaging: 'flatpak'
})
const snap = (...parts: string[]): PathSpec => ({ base: 'home', parts: ['snap', ...parts], packaging: 'snap' })
const local = (...parts: string[]): PathSpec => ({ base: 'localAppData', parts })
const roaming = (...parts: string[]): PathSpec => ({ base: 'appData', parts })
const support = (...parts: string[]): PathSpec => ({ base: 'appSupport', parts })
const config = (...parts: string[]): PathSpec => ({ base: 'config', parts })
const chromeConfig = (...parts: string[]): PathSpec => ({ base: 'chromeConfig', parts })
const home = (...parts: string[]): PathSpec => ({ base: 'home', parts })

function chromeChannel(id: string, channel: string, win: string, mac: string, linux: string, extra: PathSpec[] = []): BrowserDef {
  return {
    id,
    name: channel === 'stable' ? 'Google Chrome' : `Google Chrome ${channel[0]?.toUpperCase()}${channel.slice(1)}`,
    family: 'chromium',
    channel,
    safeStorage: 'Chrome Safe Storage',
    paths: { win32: [local('Google', win, 'User Data')], darwin: [support('Google', mac)], linux: [chromeConfig(linux), ...extra] }
  }
}

function edgeChannel(id: string, channel: string, win: string, mac: string, linux?: string): BrowserDef {
  return {
    id,
    name: channel === 'stable' ? 'Microsoft Edge' : `Microsoft Edge ${channel[0]?.toUpperCase()}${channel.slice(1)}`,
    family: 'chromium',
    channel,
    safeStorage: 'Microsoft Edge Safe Storage',
    paths: {
      win32: [local('Microsoft', win, 'User Data')],
      darwin: [support(mac)],
      ...(linux === undefined
        ? {}
        : { linux: [config(linux), ...(channel === 'stable' ? [flatpak('com.microsoft.Edge', 'config', linux)] : [])] })
    }
  }
}

export const browserCatalog: BrowserDef[] = [
  chromeChannel('chrome', 'stable', 'Chrome', 'Chrome', 'google-chrome', [flatpak('com.google.Chrome', 'config', 'google-chrome')]),
  chromeChannel('chrome-beta', 'beta', 'Chrome Beta', 'Chrome Beta', 'google-chrome-beta'),
  chromeChannel('chrome-dev', 'dev', 'Chrome Dev', 'Chrome Dev', 'google-chrome-unstable'),
  chromeChannel('chrome-canary', 'canary', 'Chrome SxS', 'Chrome Canary', 'google-chrome-canary'),
  {
    id: 'chromium',
    name: 'Chromium',
    family: 'chromium',
    channel: 'stable',
    safeStorage: 'Chromium Safe Storage',
    paths: {
      win32: [local('Chromium', 'User Data')],
      darwin: [support('Chromium')],
      linux: [
        chromeConfig('chromium'),
        flatpak('org.chromium.Chromium', 'config', 'chromium'),
        snap('chromium', 'common', 'chromium'),
        snap('chromium', 'current', '.config', 'chromium')
      ]
    }
  },
  edgeChannel('edge', 'stable', 'Edge', 'Microsoft Edge', 'microsoft-edge'),
  edgeChannel('edge-beta', 'beta', 'Edge Beta', 'Microsoft Edge Beta', 'microsoft-edge-beta'),
  edgeChannel('edge-dev', 'dev', 'Edge Dev', 'Microsoft Edge Dev', 'microsoft-edge-dev'),
  edgeChannel('edge-canary', 'canary', 'Edge SxS', 'Microsoft Edge Canary'),
  {
    id: 'brave',
    name: 'Brave',
    family: 'chromium',
    channel: 'stable',
    safeStorage: 'Brave Safe Storage',
    paths: {
      win32: [local('BraveSoftware', 'Brave-Browser', 'User Data')],
      darwin: [support('BraveSoftware', 'Brave-Browser')],
      linux: [
        config('BraveSoftware', 'Brave-Browser'),
        flatpak('com.brave.Browser', 'config', 'BraveSoftware', 'Brave-Browser'),
        snap('brave', 'current', '.config', 'BraveSoftware', 'Brave-Browser')
      ]
    }
  },
  {
    id: 'vivaldi',
    name: 'Vivaldi',
    family: 'chromium',
    channel: 'stable',
    safeStorage: 'Vivaldi Safe Storage',
    paths: {
      win32: [local('Vivaldi', 'User Data')],
      darwin: [support('Vivaldi')],
      linux: [config('vivaldi'), flatpak('com.vivaldi.Vivaldi', 'config', 'vivaldi')]
    }
  },
  {
    id: 'opera',
    name: 'Opera',
    family: 'chromium',
    channel: 'stable',
    safeStorage: 'Opera Safe Storage',
    flatLayout: true,
    paths: {
      win32: [roaming('Opera Software', 'Opera Stable')],
      darwin: [support('com.operasoftware.Opera')],
      linux: [config('opera'), flatpak('com.opera.Opera', 'config', 'opera'), snap('opera', 'current', '.config', 'opera')]
    }
  },
  {
    id: 'opera-gx',
    name: 'Opera GX',
    family: 'chromium',
    channel: 'stable',
    safeStorage: 'Opera Safe Storage',
    flatLayout: true,
    paths: { win32: [roaming('Opera Software', 'Opera GX Stable')], darwin: [support('com.operasoftware.OperaGX')] }
  },
  {
    id: 'arc',
    name: 'Arc',
    family: 'chromium',
    channel: 'stable',
    safeStorage: 'Arc Safe Storage',
    paths: {
      win32: [
        {
          base: 'localAppData',
          parts: ['Packages', 'TheBrowserCompany.Arc_*', 'LocalCache', 'Local', 'Arc', 'User Data'],
          packaging: 'msix'
        }
      ],
      darwin: [support('Arc', 'User Data')]
    }
  },
  {
    id: 'yandex',
    name: 'Yandex Browser',
    family: 'chromium',
    channel: 'stable',
    safeStorage: 'Yandex Safe Storage',
    paths: {
      win32: [local('Yandex', 'YandexBrowser', 'User Data')],
      darwin: [support('Yandex', 'YandexBrowser')],
      linux: [config('yandex-browser')]
    }
  },
  {
    id: 'firefox',
    name: 'Firefox',
    family: 'firefox',
    channel: 'release',
    paths: {
      win32: [
        roaming('Mozilla', 'Firefox'),
        {
          base: 'localAppData',
          parts: ['Packages', 'Mozilla.Firefox_n80bbvh6b1yt2', 'LocalCache', 'Roaming', 'Mozilla', 'Firefox'],
          packaging: 'msix'
        }
      ],
      darwin: [support('Firefox')],
      linux: [
        home('.mozilla', 'firefox'),
        config('mozilla', 'firefox'),
        flatpak('org.mozilla.firefox', '.mozilla', 'firefox'),
        flatpak('org.mozilla.firefox', 'config', 'mozilla', 'firefox'),
        snap('firefox', 'common', '.mozilla', 'firefox')
      ]
    }
  },
  {
    id: 'librewolf',
    name: 'LibreWolf',
    family: 'firefox',
    channel: 'release',
    paths: {
      win32: [roaming('librewolf')],
      darwin: [support('librewolf')],
      linux: [home('.librewolf'), flatpak('io.gitlab.librewolf-community', '.librewolf')]
    }
  }
]

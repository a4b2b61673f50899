// `npm run icons`: every icon the installers and the window use, from the one source build/icon.svg.
// Each PNG size is drawn by Chromium from the vector source (crisp at 16 px as at 1024 px); the
// Windows .ico and macOS .icns are built from the 1024 px drawing by png2icons.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import png2icons from 'png2icons'

const root = join(import.meta.dirname, '..')
const svg = readFileSync(join(root, 'build/icon.svg'), 'utf8')
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024]

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] })
const page = await browser.newPage()
const drawn = new Map()
for (const size of sizes) {
  await page.setViewportSize({ width: size, height: size })
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`
  )
  drawn.set(size, await page.screenshot({ omitBackground: true }))
}
await browser.close()

mkdirSync(join(root, 'build/icons'), { recursive: true })
for (const [size, png] of drawn) writeFileSync(join(root, 'build/icons', `${size}x${size}.png`), png)
const source = drawn.get(1024)
writeFileSync(join(root, 'build/icon.png'), source)
writeFileSync(join(root, 'build/icon.icns'), png2icons.createICNS(source, png2icons.BICUBIC2, 0))
writeFileSync(join(root, 'build/icon.ico'), png2icons.createICO(source, png2icons.BICUBIC2, 0, true, true))
// The window's own icon (Linux title bar and taskbar; Windows and macOS take theirs from the package).
writeFileSync(join(root, 'resources/icon.png'), drawn.get(256))
console.log(`Wrote build/icon.png, build/icon.icns, build/icon.ico, build/icons/ (${sizes.join(', ')} px) and resources/icon.png.`)

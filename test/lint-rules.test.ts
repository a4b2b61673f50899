import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('import boundaries', () => {
  it('fails a renderer file that imports node:fs', async () => {
    const messages = await restrictedImports('renderer/src/evil.ts', "import { readFile } from 'node:fs'\nvoid readFile\n")
    expect(messages.join()).toMatch(/cannot use Node modules/)
  })

  it('fails a renderer file that imports electron', async () => {
    const messages = await restrictedImports('renderer/src/evil.ts', "import { shell } from 'electron'\nvoid shell\n")
    expect(messages).toHaveLength(1)
  })

  it('fails a service file that imports electron', async () => {
    const messages = await restrictedImports('electron/services/evil.ts', "import { app } from 'electron'\nvoid app\n")
    expect(messages.join()).toMatch(/services are plain Node/)
  })

  it('fails ipcMain outside the IPC wiring, even inside electron/main', async () => {
    const messages = await restrictedImports('electron/main/window2.ts', "import { ipcMain } from 'electron'\nvoid ipcMain\n")
    expect(messages.join()).toMatch(/shared contract/)
  })

  it('allows electron in the shell and ipcMain in the wiring', async () => {
    expect(await restrictedImports('electron/main/window2.ts', "import { app } from 'electron'\nvoid app\n")).toEqual([])
    expect(await restrictedImports('electron/main/ipc.ts', "import { ipcMain } from 'electron'\nvoid ipcMain\n")).toEqual([])
  })
})

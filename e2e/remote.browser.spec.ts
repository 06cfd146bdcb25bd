import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
// @ts-expect-error: a plain .mjs helper shared with the Vitest suite
import { bareLoginDepth, sshdAvailable, startRelay, startSshd } from '../scripts/test-sshd.mjs'
import type { Page } from '@playwright/test'
import type { DemoServer } from './demo-server'
import { expect, expectAccessible, shot, test } from './fixtures'
import { expectedAfterReset, identity, readPreferences, verifiedBackups } from './sandbox'

type Sshd = { port: number; key: string; fingerprint: string; stop(): void }
type Relay = { port: number; roundTrips(): number; reset(): void; close(): void }

test.describe('a server on another machine, over SSH', () => {
  test.skip(!(sshdAvailable as () => boolean)(), 'No OpenSSH server here (.ci/run installs openssh-server).')

  test('the wizard connects, confirms the host key, and resets and claims the remote server', async ({ page, demo }) => {
    // The "other machine" is this one behind a real sshd, with the demo's stand-ins on its PATH.
    const sshd: Sshd = await startSshd({ PATH: `${join(demo.sandbox, 'demo-bin')}:/usr/local/bin:/usr/bin:/bin`, STANDIN_SYSTEMD_DIR: join(demo.sandbox, 'demo-systemd') })
    try {
      await resetOverSsh(page, demo, sshd.port, sshd.fingerprint, sshd.key, true)
      await page.getByRole('button', { name: 'Continue to claim' }).click()
      await page.getByRole('button', { name: 'Get a demo claim code' }).click()
      await page.getByRole('button', { name: 'Claim the server' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'You are back in' })).toBeVisible({ timeout: 15_000 })
      expect(await identity(demo.port)).toEqual({ claimed: true })
    } finally {
      sshd.stop()
    }
  })

  test('the wizard\'s reset costs no more round trips than the CLI\'s budget for it: 18 beyond a bare login, through a 50 ms relay', async ({ page, demo }) => {
    const sshd: Sshd = await startSshd({ PATH: `${join(demo.sandbox, 'demo-bin')}:/usr/local/bin:/usr/bin:/bin`, STANDIN_SYSTEMD_DIR: join(demo.sandbox, 'demo-systemd') })
    const relay = (await startRelay(sshd.port, { delayMs: 25 })) as Relay
    try {
      const bare = (await bareLoginDepth(relay, sshd.key)) as number
      relay.reset()
      // The whole walk on one SSH session: connect, find, look at the account, back up, reset, start.
      await resetOverSsh(page, demo, relay.port, sshd.fingerprint, sshd.key, false)
      const wizard = relay.roundTrips() - bare
      process.stdout.write(`wizard reset round trips beyond a bare login ${wizard}\n`)
      // main/cli/ssh.test.ts holds the CLI's full reset to the same 18 (issue 27): it counts 15, the wizard 17.
      expect({ wizard: wizard <= 18, figures: { bare, wizard } }).toMatchObject({ wizard: true })
    } finally {
      relay.close()
      sshd.stop()
    }
  })
})

/** The wizard's walk over SSH, from "Find my server" to a reset server ready to be claimed. */
async function resetOverSsh(page: Page, demo: DemoServer, port: number, fingerprint: string, key: string, shots: boolean): Promise<void> {
  mkdirSync(join(demo.sandbox, 'home', '.ssh'), { recursive: true })
  copyFileSync(key, join(demo.sandbox, 'home', '.ssh', 'id_ed25519'))
  const original = readPreferences(demo.sandbox)

  await page.goto(demo.url)
  await page.getByRole('button', { name: 'Find my server' }).click()
  await expect(page.getByText('One server was found.')).toBeVisible()
  await page.getByRole('button', { name: 'A server on another machine…' }).click()
  await page.getByLabel('Server address').fill('127.0.0.1')
  await page.getByLabel('SSH port').fill(String(port))
  await page.getByLabel('User name').fill('root')
  if (shots) await expectAccessible(page)
  await page.getByRole('button', { name: 'Connect', exact: true }).click()

  const confirm = page.getByRole('alert').filter({ hasText: 'Is this the right server?' })
  await expect(confirm).toContainText(fingerprint)
  if (shots) await shot(page, '11-remote-confirm-key')
  await page.getByRole('button', { name: 'Trust this key and connect' }).click()

  await expect(page.getByText('on root@127.0.0.1', { exact: false })).toBeVisible({ timeout: 30_000 })
  await page.getByRole('button', { name: /^Use this server/ }).last().click()
  await page.getByRole('button', { name: 'No, that is an old or wrong account' }).click()
  await page.getByRole('button', { name: 'Take the backup' }).click()
  await expect(page.getByText(/^The backup from .+ was saved and verified\.$/)).toBeVisible({ timeout: 15_000 })
  await page.getByRole('button', { name: 'Review the reset' }).click()
  await page.getByRole('button', { name: 'Reset now' }).click()
  await expect(page.getByText('The server is running and ready to be claimed.')).toBeVisible({ timeout: 60_000 })
  expect(readPreferences(demo.sandbox)).toBe(expectedAfterReset(original))
  expect(verifiedBackups(demo.backupDir).some((b) => b.payload === original)).toBe(true)
}

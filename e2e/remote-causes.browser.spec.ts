import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
// @ts-expect-error: a plain .mjs helper shared with the Vitest suite
import { sshdAvailable, startSshd } from '../scripts/test-sshd.mjs'
import { expect, test } from './fixtures'

// The demo inherits this process's environment: no agent, so "my SSH key" means the sandbox's SSH folder only.
delete process.env.SSH_AUTH_SOCK

/** Find your server, then the SSH form open. */
async function openForm(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.getByRole('button', { name: 'Find my server' }).click()
  await expect(page.getByText('One server was found.')).toBeVisible()
  await page.getByRole('button', { name: 'A server on another machine…' }).click()
}

const alertOf = (page: Page) => page.locator('.remote').getByRole('alert')

/** The SSH form names the real cause of a failed connection, each in its own words. */
test.describe('the SSH form names the real cause', () => {
  test('no key on this computer and no agent: use a password', async ({ page, demo }) => {
    await openForm(page, demo.url)
    await page.getByLabel('Server address').fill('kate@127.0.0.1:1')
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(alertOf(page)).toContainText('This computer has no SSH key, and no ssh-agent is running.', { timeout: 15_000 })
    await expect(alertOf(page)).toContainText('Use a password')
  })

  test('a host name that does not resolve', async ({ page, demo }) => {
    await openForm(page, demo.url)
    await page.getByLabel('Server address').fill('kate@nas.invalid')
    await page.getByLabel('A password').check()
    await page.getByLabel('SSH password').fill('secret')
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(alertOf(page)).toContainText('That server name was not found on the network.', { timeout: 30_000 })
  })

  test('a refused connection, and the stale error goes as the address changes', async ({ page, demo }) => {
    await openForm(page, demo.url)
    const host = page.getByLabel('Server address')
    await host.fill('kate@127.0.0.1:1')
    await page.getByLabel('A password').check()
    await page.getByLabel('SSH password').fill('secret')
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(alertOf(page)).toContainText('The server refused the connection: nothing answers on that SSH port.', { timeout: 15_000 })
    await host.fill('kate@127.0.0.1:2')
    await expect(alertOf(page)).toHaveCount(0)
  })

  test('a pasted web address is recognised as the server', async ({ page, demo }) => {
    await openForm(page, demo.url)
    const host = page.getByLabel('Server address')
    await host.fill('http://nas.local')
    await expect(host).toHaveAttribute('aria-invalid', 'false')
    await host.fill('https://kate@nas.local:32400/web/index.html')
    await expect(host).toHaveAttribute('aria-invalid', 'false')
    await expect(page.getByLabel('User name')).toHaveCount(0)
    // The web port is not SSH's: the SSH port field stays.
    await expect(page.getByLabel('SSH port')).toHaveValue('22')
  })

  test.describe('with an SSH server', () => {
    test.skip(!(sshdAvailable as () => boolean)(), 'No OpenSSH server here (.ci/run installs openssh-server).')
    test('a rejected key', async ({ page, demo }) => {
      const sshd: { port: number; stop(): void } = await startSshd({ PATH: '/usr/bin:/bin' })
      try {
        // A key of this computer that the server does not know.
        mkdirSync(join(demo.sandbox, 'home', '.ssh'), { recursive: true })
        execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(demo.sandbox, 'home', '.ssh', 'id_ed25519')])
        await openForm(page, demo.url)
        await page.getByLabel('Server address').fill(`root@127.0.0.1:${sshd.port}`)
        await page.getByRole('button', { name: 'Connect', exact: true }).click()
        await page.getByRole('button', { name: 'Trust this key and connect' }).click({ timeout: 15_000 })
        await expect(alertOf(page)).toContainText('The server did not accept this computer’s SSH key for that user.', { timeout: 15_000 })
      } finally {
        sshd.stop()
      }
    })
  })
})

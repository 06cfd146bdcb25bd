import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SIGNED_IN, layOut, tempDir } from '../../test/support/temp'
import { startPlexTv, type PlexTvStandIn } from '../simulator/plex-tv'
import { AppService } from '../app/index'
import { LocalHost } from '../core/host/local'
import { createHandlers } from './handlers'

let plexTv: PlexTvStandIn
beforeAll(async () => void (plexTv = await startPlexTv()))
afterAll(() => plexTv.close())

function app() {
  const root = tempDir()
  const data = 'var/lib/plexmediaserver/Library/Application Support/Plex Media Server'
  layOut(root, { 'usr/lib/plexmediaserver/': '', 'lib/systemd/system/plexmediaserver.service': '[Unit]\n', [`${data}/Preferences.xml`]: SIGNED_IN.replace('PlexOnlineHome="1" ', 'allowedNetworks="127.0.0.1/255.255.255.255" ') })
  const service = new AppService({ local: new LocalHost(), backupDir: join(root, 'backups'), root, docker: false, port: 9, appVersion: 'test', plexTv: { baseUrl: plexTv.url, authUrl: plexTv.authUrl } })
  return { service, handlers: createHandlers({ service, runtime: 'loopback', demo: false }) }
}

describe('what the window gets of the diagnosis and the accounts: names and masked e-mails, never the token', () => {
  it('installations:diagnose: valid with the account, and local access over loopback', async () => {
    const { service, handlers } = app()
    try {
      plexTv.mintClaimToken({ username: 'kate', email: 'kate@example.com', authToken: 'SECRETtoken123456789' })
      const [view] = await handlers['installations:detect'](undefined)
      const d = await handlers['installations:diagnose']({ installationId: view!.id })
      expect(d).toEqual({ signIn: { state: 'valid', account: { username: 'kate', maskedEmail: 'k***@example.com' } }, localAccess: { allowedNetworks: ['127.0.0.1/255.255.255.255'], seenAs: ['127.0.0.1', '::1'], how: 'loopback', inside: true } })
      expect(JSON.stringify(d)).not.toContain('SECRETtoken')
    } finally {
      await service.dispose()
    }
  })

  it('claim:previous-account: the account of the newest backup that recorded one', async () => {
    const { service, handlers } = app()
    try {
      const [view] = await handlers['installations:detect'](undefined)
      expect(await handlers['claim:previous-account']({ installationId: view!.id })).toEqual({ username: 'kate', maskedEmail: 'k***@example.com' })
      await handlers['backups:create']({ installationId: view!.id })
      expect(await handlers['claim:previous-account']({ installationId: view!.id })).toEqual({ username: 'kate', maskedEmail: 'k***@example.com' })
    } finally {
      await service.dispose()
    }
  })
})

import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SIGNED_IN, layOut, tempDir } from '../../test/support/temp'
import type { EventChannel, EventContract, RunRecord } from '../../preload/contract'
import { AppService } from '../app/index'
import { LocalHost } from '../core/host/local'
import { createHandlers } from './handlers'

function app() {
  const root = tempDir()
  const data = 'var/lib/plexmediaserver/Library/Application Support/Plex Media Server'
  layOut(root, { 'usr/lib/plexmediaserver/': '', 'lib/systemd/system/plexmediaserver.service': '[Unit]\n', [`${data}/Preferences.xml`]: SIGNED_IN })
  const service = new AppService({ local: new LocalHost(), backupDir: join(root, 'backups'), root, docker: false, port: 9, appVersion: 'test', plexTv: { baseUrl: 'http://127.0.0.1:9', authUrl: 'http://127.0.0.1:9' } })
  const sent: Array<{ channel: EventChannel; payload: EventContract[EventChannel] }> = []
  let end: (r: RunRecord) => void = () => undefined
  const ended = new Promise<RunRecord>((r) => (end = r))
  const emit = <C extends EventChannel>(channel: C, payload: EventContract[C]): void => {
    sent.push({ channel, payload })
    if (channel === 'flow:run-ended') end(payload as RunRecord)
  }
  return { service, sent, ended, handlers: createHandlers({ service, runtime: 'loopback', demo: false, emit }) }
}

describe('run channels and the server as it stands', () => {
  it('a run channel answers with its record id; every event and the end name it', async () => {
    const { service, handlers, sent, ended } = app()
    try {
      const [view] = await handlers['installations:detect'](undefined)
      // A backup that does not exist: the run itself refuses, so the refusal is the record's end.
      const { recordId } = await handlers['reset:start']({ installationId: view!.id, backupId: '20261129-120000-abcdef' })
      const record = await ended
      expect(record).toMatchObject({ id: recordId, status: 'failed', installationId: view!.id })
      expect(record.error?.code).toMatch(/^[A-Z_]+$/)
      const progress = sent.filter((s) => s.channel === 'flow:progress').map((s) => s.payload as { recordId: string })
      expect(progress.every((e) => e.recordId === recordId)).toBe(true)
      expect((await handlers['runs:list'](undefined)).runs[0]).toMatchObject({ id: recordId, status: 'failed' })
    } finally {
      await service.dispose()
    }
  })

  it('installations:standing reads the settings again: who the server is signed in as, never a token', async () => {
    const { service, handlers } = app()
    try {
      const [view] = await handlers['installations:detect'](undefined)
      const now = await handlers['installations:standing']({ installationId: view!.id })
      expect(now.account).toMatchObject({ username: 'kate', keysPresent: expect.arrayContaining(['PlexOnlineToken']) })
      expect(JSON.stringify(now)).not.toMatch(/token="/i)
    } finally {
      await service.dispose()
    }
  })

  it('backups:list names the run that used a backup', async () => {
    const { service, handlers } = app()
    try {
      const [view] = await handlers['installations:detect'](undefined)
      const { backup } = await handlers['backups:create']({ installationId: view!.id })
      expect((await handlers['backups:list'](undefined)).find((b) => b.id === backup.id)).toMatchObject({ installationId: view!.id, usedBy: null })
    } finally {
      await service.dispose()
    }
  })
})

import { describe, expect, it } from 'vitest'
import { parseAddress } from './remote-address'

describe('the server address field', () => {
  it.each([
    ['nas.local', { user: null, host: 'nas.local', port: null }],
    ['kate@nas.local', { user: 'kate', host: 'nas.local', port: null }],
    ['nas.local:2222', { user: null, host: 'nas.local', port: 2222 }],
    ['root@192.168.1.20:22', { user: 'root', host: '192.168.1.20', port: 22 }],
    ['[fd00::5]:2200', { user: null, host: 'fd00::5', port: 2200 }],
    ['fd00::5', { user: null, host: 'fd00::5', port: null }],
    ['kate@[::1]', { user: 'kate', host: '::1', port: null }],
    // A pasted address: the web address's scheme, path and (web) port are not SSH's.
    ['http://nas.local', { user: null, host: 'nas.local', port: null }],
    ['https://nas.local:32400/web/index.html', { user: null, host: 'nas.local', port: null }],
    ['ssh://kate@nas.local:2222', { user: 'kate', host: 'nas.local', port: 2222 }],
    ['  nas.local/  ', { user: null, host: 'nas.local', port: null }]
  ])('accepts %s', (input, expected) => expect(parseAddress(input)).toEqual({ ok: true, ...expected }))

  it.each([
    ['', 'empty'],
    ['nas local', 'host'],
    ['nas.local:99999', 'port'],
    ['nas.local:', 'port'],
    ['[nas.local]:22', 'host'],
    ['bad user@nas', 'user']
  ])('refuses %j (%s)', (input, problem) => expect(parseAddress(input)).toEqual({ ok: false, problem }))
})

import { describe, expect, it } from 'vitest'
import { parseProbe, parseRemoteClock, probeableUrl } from './network-check'

// Shapes as the tools print them: curl -sSI (headers on stdout, CRLF), GNU Wget 1.21 -S --spider
// (the server's headers indented on stderr; exit 8 on an error response, per its manual's "Exit
// Status"), BusyBox wget -S --spider (headers indented; exit 1 on an error).
describe('what curl or wget said of plex.tv', () => {
  it('curl: a status line is an answer; its Date header is plex.tv\'s time', () => {
    const out = 'HTTP/2 200 \r\ndate: Sun, 29 Nov 2026 12:00:00 GMT\r\ncontent-type: text/html\r\n\r\n'
    expect(parseProbe('curl', 0, out)).toEqual({ state: 'reached', dateMs: Date.UTC(2026, 10, 29, 12) })
  })
  it('GNU wget: a 404 (exit 8) still reached plex.tv', () => {
    const out = 'Spider mode enabled. Check if remote file exists.\n--2026-11-29 12:00:00--  https://plex.tv/\nHTTP request sent, awaiting response... \n  HTTP/1.1 404 Not Found\n  Date: Sun, 29 Nov 2026 12:00:01 GMT\n  Content-Length: 0\nRemote file does not exist -- broken link!!!\n'
    expect(parseProbe('wget', 8, out)).toEqual({ state: 'reached', dateMs: Date.UTC(2026, 10, 29, 12, 0, 1) })
  })
  it('BusyBox wget: no route is unreachable, with its words', () => {
    expect(parseProbe('wget', 1, "Connecting to plex.tv (3.33.1.1:443)\nwget: can't connect to remote host (3.33.1.1): Network is unreachable\n")).toEqual({ state: 'unreachable', detail: 'wget exit 1: Connecting to plex.tv (3.33.1.1:443)' })
  })
  it('neither tool: cannot check', () => {
    expect(parseProbe('none', 127, '')).toEqual({ state: 'cannot-check', detail: 'it has neither curl nor wget' })
  })
  it('the clock: POSIX date -u +%Y-%m-%dT%H:%M:%SZ, anything else unread', () => {
    expect(parseRemoteClock(0, '2026-11-29T14:00:00Z\n')).toBe(Date.UTC(2026, 10, 29, 14))
    expect(parseRemoteClock(0, 'date: illegal option -- u')).toBeNull()
    expect(parseRemoteClock(1, '2026-11-29T14:00:00Z')).toBeNull()
  })
  it('only an http(s) address reaches a remote tool', () => {
    expect(probeableUrl('https://plex.tv')).toBe('https://plex.tv')
    expect(probeableUrl('')).toBe('')
    expect(() => probeableUrl('-o/etc/passwd')).toThrow(/not an http\(s\) address/)
  })
})

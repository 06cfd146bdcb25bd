// A realistic large Preferences.xml: one line of attributes as PMS writes it, signed in.
export function largePreferences(targetBytes = 117 * 1024) {
  const attrs = [
    'OldestPreviousVersion="1.41.3.9314-a0bfb8370"',
    'MachineIdentifier="5b1f2e1a-9c3d-4e55-8f00-3a6d2c1b7e90"',
    'ProcessedMachineIdentifier="8d2c0f4b5e6a7c8d9e0f1a2b3c4d5e6f7a8b9c0d"',
    'PlexOnlineHome="1"',
    'PlexOnlineMail="kate@example.com"',
    'PlexOnlineToken="BENCHtokenXy7Qp2Lm9Rs4"',
    'PlexOnlineUsername="kate"'
  ]
  let i = 0
  while (attrs.join(' ').length < targetBytes - 100) attrs.splice(3 + (i % 40), 0, `agentSetting${i++}="com.plexapp.agents.${'x'.repeat(i % 30)}${i}"`)
  return `<?xml version="1.0" encoding="utf-8"?>\n<Preferences ${attrs.join(' ')}/>\n`
}

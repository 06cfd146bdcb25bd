import { describe, expect, it } from 'vitest'
import { xmlAttribute } from './identity'

describe('reading the local API', () => {
  it('reads MediaContainer attributes, not the XML declaration\'s', () => {
    const body = '<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="0" claimed="0" machineIdentifier="abc" version="1.41.3.9314-a0bfb8370">\n</MediaContainer>\n'
    expect(xmlAttribute(body, 'version')).toBe('1.41.3.9314-a0bfb8370')
    expect(xmlAttribute(body, 'claimed')).toBe('0')
    expect(xmlAttribute('<html>401 Unauthorized</html>', 'claimed')).toBeUndefined()
  })

  it('reads the account from a claim answer (<MyPlex>), entities decoded', () => {
    const body = '<?xml version="1.0" encoding="UTF-8"?>\n<MyPlex authToken="T" username="kate &amp; bob" mappingState="mapped">\n</MyPlex>\n'
    expect(xmlAttribute(body, 'username', 'MyPlex')).toBe('kate & bob')
    expect(xmlAttribute(body, 'username')).toBeUndefined()
  })

  it('reads single-quoted attributes and character references, as any XML parser does', () => {
    const body = "<?xml version='1.0'?><MediaContainer claimed='1' machineIdentifier='abc' version='1.2&#46;3'/>"
    expect(xmlAttribute(body, 'claimed')).toBe('1')
    expect(xmlAttribute(body, 'version')).toBe('1.2.3')
  })

  it('gives nothing for a body that is not XML, or one with a DOCTYPE', () => {
    expect(xmlAttribute('<MediaContainer claimed="1"', 'claimed')).toBeUndefined()
    expect(xmlAttribute('<!DOCTYPE x><MediaContainer claimed="1"/>', 'claimed')).toBeUndefined()
  })
})

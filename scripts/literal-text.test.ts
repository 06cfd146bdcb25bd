import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { literalTexts } from './literal-text'

/** Every word a component shows comes from the catalogue, so every language gets it. */
const ROOT = 'renderer/src'

/** Not words of any language: the same on every screen. */
const ALLOWED = new Set([
  // The format of a claim code, as plex.tv/claim prints it.
  'claim-…'
])

function components(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return components(path)
    return name.endsWith('.tsx') && !name.endsWith('.test.tsx') ? [path] : []
  })
}

describe('no literal text in components', () => {
  it(`no component in ${ROOT} shows text that is not from the catalogue`, () => {
    const files = components(ROOT)
    expect(files.length).toBeGreaterThan(10)
    const found = files.flatMap((f) => literalTexts(f, readFileSync(f, 'utf8'), ALLOWED)).map((l) => `${l.file}:${l.line}: ${l.text}`)
    expect(found).toEqual([])
  })

  it('the check finds planted text: JSX text, shown strings and visible attributes, not class names or comparisons', () => {
    const planted = `
      export function X({ a, n }: { a: boolean; n: number }) {
        return (
          <div className={a ? 'on' : 'off'} data-x="raw">
            <p>Hello there</p>
            <img alt="A logo" src="x.png" />
            <button aria-label={a ? 'Close' : t.open} title={\`Step \${n}\`} type="button">{n}</button>
            {a === 'yes' ? t.yes : 'Nope'}
            {a && 'Only when a'}
            <input placeholder="Type here" /> · {' '} —
          </div>
        )
      }`
    expect(literalTexts('planted.tsx', planted).map((l) => `${l.line}: ${l.text}`)).toEqual([
      '5: Hello there',
      '6: A logo',
      '7: Close',
      '7: Step',
      '8: Nope',
      '9: Only when a',
      '10: Type here'
    ])
  })
})

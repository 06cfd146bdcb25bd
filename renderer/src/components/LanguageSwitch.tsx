import { useLocale } from '../i18n/locale-store'
import { LOCALES } from '../i18n/registry'

/** The language of the window: the OS's at first, then whatever is chosen here (remembered). */
export function LanguageSwitch() {
  const tag = useLocale((s) => s.tag)
  const choose = useLocale((s) => s.choose)
  return (
    <div className="language-switch">
      <label htmlFor="language">{LOCALES.find((l) => l.tag === tag)?.label}</label>
      <select id="language" value={tag} onChange={(e) => void choose(e.target.value)}>
        {LOCALES.map((l) => (
          <option key={l.tag} value={l.tag} lang={l.tag}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  )
}

import { useEffect } from 'react'
import { useMessages } from '../i18n/use-messages'
import { useSupport } from '../store/support-store'
import { useWizard } from '../store/wizard-store'

/** Done's second line: plex.tv's own word on the server just claimed, under the server's. */
export function OwnershipLine() {
  const t = useMessages().plexTvWord
  const installationId = useWizard((s) => s.selectedId)
  const claim = useWizard((s) => s.claim)
  const ownership = useSupport((s) => s.ownership)
  const check = useSupport((s) => s.checkOwnership)
  useEffect(() => {
    if (installationId) void check(installationId, claim)
  }, [installationId, claim, check])
  if (!installationId || ownership.installationId !== installationId || ownership.status === 'idle') return null
  const v = ownership.view
  if (ownership.status === 'asking') return <p className="ownership-line" aria-live="polite">{t.checking}</p>
  if (!v) return null
  const server = v.serverName ?? t.thisServer
  const account = v.account ?? t.theAccount
  const line = {
    owned: t.owned(server, account),
    'not-owned': t.notOwned(server, account),
    'not-listed': t.notListed(account),
    refused: t.refused,
    unreachable: t.unreachable,
    'unexpected-answer': t.unexpected
  }[v.state]
  return (
    <div className="ownership-line" aria-live="polite" aria-label={t.label}>
      <p>{line}</p>
      {v.accountDiffers && v.account && v.expectedAccount ? <p className="card warning">{t.differs(v.account, v.expectedAccount)}</p> : null}
      {v.plexWeb && v.state === 'owned' ? (
        <a className="button secondary" href={v.plexWeb} target="_blank" rel="noopener noreferrer">
          {t.openHere}
        </a>
      ) : null}
    </div>
  )
}

import type { CutOffRun, InstallationView } from '../../../preload/contract'
import type { Messages } from '../messages/en'
import { useMessages } from './use-messages'

type Named = Pick<InstallationView, 'installType' | 'label' | 'labelDetail'>

/**
 * A server's name in the catalogue's language, from its install type and what detection found.
 * Main's English label is the fallback: an install type or detail this renderer does not know
 * (a newer main) still shows a name.
 */
export function serverLabel(server: Named, s: Messages['servers']): string {
  const d = server.labelDetail
  switch (d?.kind) {
    case 'type':
      return Object.hasOwn(s.types, server.installType) ? (s.types as Readonly<Record<string, string>>)[server.installType]! : server.label
    case 'freenas-plugin':
      return s.freenasPlugin
    case 'docker':
      return s.docker(d.image, d.container)
    case 'macos-user':
      return s.macos(d.user)
    case 'windows-service':
      return s.windowsService(d.service, d.account)
    case 'windows-user':
      return s.windowsUser(d.sid)
    case 'truenas-jail':
      return s.truenasJail(d.jail)
    case 'folder':
      return Object.hasOwn(s.folder, d.layout) ? s.folder[d.layout] : server.label
    case 'settings-in':
      return s.settingsIn(d.folder)
    default:
      return server.label
  }
}

/** A cut-off run's server: worded like a detected one when its journal recorded the details. */
export function runServerLabel(run: Pick<CutOffRun, 'installType' | 'label' | 'labelDetail'>, s: Messages['servers']): string {
  return run.installType && run.labelDetail ? serverLabel({ installType: run.installType, label: run.label, labelDetail: run.labelDetail }, s) : run.label
}

/** serverLabel in the active language: components re-render when the language is switched. */
export function useServerLabel(): (server: Named) => string {
  const servers = useMessages().servers
  return (server) => serverLabel(server, servers)
}

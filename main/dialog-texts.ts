import type { MessageBoxOptions, OpenDialogOptions } from 'electron'

/** The words of main's own dialogs: the renderer's catalogues do not reach main, so these ten are here. */
export interface DialogTexts {
  readonly chooseTitle: string
  readonly chooseFilter: string
  readonly closeMessage: string
  readonly closeDetail: string
  readonly keepOpen: string
  readonly closeAnyway: string
}

const TEXTS: Readonly<Record<string, DialogTexts>> = {
  en: {
    chooseTitle: 'Choose the Preferences.xml of your Plex Media Server',
    chooseFilter: 'Plex settings',
    closeMessage: 'Plex Reclaim is still changing the server’s settings.',
    closeDetail: 'Closing now stops Plex Reclaim part-way. The next start offers to finish or undo it, but the server may stay stopped until then.',
    keepOpen: 'Keep the window open',
    closeAnyway: 'Close anyway'
  },
  de: {
    chooseTitle: 'Wähle die Preferences.xml deines Plex Media Servers',
    chooseFilter: 'Plex-Einstellungen',
    closeMessage: 'Plex Reclaim ändert noch die Einstellungen des Servers.',
    closeDetail: 'Wenn du jetzt schließt, hört Plex Reclaim mittendrin auf. Beim nächsten Start wird angeboten, es abzuschließen oder rückgängig zu machen, aber bis dahin bleibt der Server womöglich gestoppt.',
    keepOpen: 'Fenster offen lassen',
    closeAnyway: 'Trotzdem schließen'
  },
  fr: {
    chooseTitle: 'Choisissez le fichier Preferences.xml de votre Plex Media Server',
    chooseFilter: 'Réglages Plex',
    closeMessage: 'Plex Reclaim est encore en train de modifier les réglages du serveur.',
    closeDetail: 'Fermer maintenant arrête Plex Reclaim en cours de route. Au prochain démarrage, il proposera de la terminer ou de l’annuler, mais le serveur peut rester arrêté d’ici là.',
    keepOpen: 'Garder la fenêtre ouverte',
    closeAnyway: 'Fermer quand même'
  },
  es: {
    chooseTitle: 'Elige el Preferences.xml de tu Plex Media Server',
    chooseFilter: 'Configuración de Plex',
    closeMessage: 'Plex Reclaim todavía está cambiando la configuración del servidor.',
    closeDetail: 'Si cierras ahora, Plex Reclaim se detiene a medias. Al volver a abrirlo te ofrecerá terminarlo o deshacerlo, pero hasta entonces el servidor puede seguir detenido.',
    keepOpen: 'Mantener la ventana abierta',
    closeAnyway: 'Cerrar de todos modos'
  },
  nl: {
    chooseTitle: 'Kies het Preferences.xml-bestand van je Plex Media Server',
    chooseFilter: 'Plex-instellingen',
    closeMessage: 'Plex Reclaim is nog bezig de instellingen van de server te wijzigen.',
    closeDetail: 'Als je nu sluit, stopt Plex Reclaim halverwege. Bij de volgende start kun je hem afmaken of ongedaan maken, maar tot dan blijft de server misschien gestopt.',
    keepOpen: 'Venster open laten',
    closeAnyway: 'Toch sluiten'
  },
  it: {
    chooseTitle: 'Scegli il Preferences.xml del tuo Plex Media Server',
    chooseFilter: 'Impostazioni di Plex',
    closeMessage: 'Plex Reclaim sta ancora modificando le impostazioni del server.',
    closeDetail: 'Chiudendo ora, Plex Reclaim si ferma a metà. Al prossimo avvio proporrà di completarlo o annullarlo, ma fino ad allora il server potrebbe restare fermo.',
    keepOpen: 'Tieni aperta la finestra',
    closeAnyway: 'Chiudi comunque'
  },
  'pt-BR': {
    chooseTitle: 'Escolha o Preferences.xml do seu Plex Media Server',
    chooseFilter: 'Configurações do Plex',
    closeMessage: 'O Plex Reclaim ainda está alterando as configurações do servidor.',
    closeDetail: 'Fechar agora interrompe o Plex Reclaim no meio. Na próxima vez que abrir, ele oferece concluir ou desfazer, mas até lá o servidor pode continuar parado.',
    keepOpen: 'Manter a janela aberta',
    closeAnyway: 'Fechar mesmo assim'
  },
  sv: {
    chooseTitle: 'Välj Preferences.xml för din Plex Media Server',
    chooseFilter: 'Plex-inställningar',
    closeMessage: 'Plex Reclaim ändrar fortfarande serverns inställningar.',
    closeDetail: 'Om du stänger nu avbryts Plex Reclaim halvvägs. Nästa gång det startar erbjuds du att slutföra eller ångra den, men servern kan vara stoppad fram till dess.',
    keepOpen: 'Låt fönstret vara öppet',
    closeAnyway: 'Stäng ändå'
  },
  pl: {
    chooseTitle: 'Wybierz plik Preferences.xml swojego Plex Media Server',
    chooseFilter: 'Ustawienia Plex',
    closeMessage: 'Plex Reclaim wciąż zmienia ustawienia serwera.',
    closeDetail: 'Zamknięcie teraz przerwie pracę Plex Reclaim w połowie. Przy następnym uruchomieniu będzie można ją dokończyć albo cofnąć, ale do tego czasu serwer może pozostać zatrzymany.',
    keepOpen: 'Nie zamykaj okna',
    closeAnyway: 'Zamknij mimo to'
  },
  ja: {
    chooseTitle: 'Plex Media Server の Preferences.xml を選んでください',
    chooseFilter: 'Plex の設定',
    closeMessage: 'Plex Reclaim はまだサーバーの設定を変更しています。',
    closeDetail: '今閉じると、Plex Reclaim は途中で止まります。次回の起動時に完了するか元に戻すかを選べますが、それまでサーバーは停止したままになる可能性があります。',
    keepOpen: 'ウィンドウを開いたままにする',
    closeAnyway: 'それでも閉じる'
  }
}

/** The window's language (its <html lang>, which the renderer keeps): exactly, by its base language, else English. */
export function dialogTexts(tag: string): DialogTexts {
  const base = tag.split('-')[0]!.toLowerCase()
  const found = Object.hasOwn(TEXTS, tag) ? tag : Object.keys(TEXTS).find((t) => t.split('-')[0]!.toLowerCase() === base)
  return TEXTS[found ?? 'en']!
}

export function chooseFileOptions(tag: string): OpenDialogOptions {
  const t = dialogTexts(tag)
  return { title: t.chooseTitle, properties: ['openFile'], filters: [{ name: t.chooseFilter, extensions: ['xml', 'plist', 'reg'] }] }
}

/** The close guard's question: staying is the default and what Escape does. */
export function closeGuardOptions(tag: string): MessageBoxOptions {
  const t = dialogTexts(tag)
  return { type: 'warning', buttons: [t.keepOpen, t.closeAnyway], defaultId: 0, cancelId: 0, message: t.closeMessage, detail: t.closeDetail }
}

/** Reads the language the window shows; a window that cannot answer (loading, gone) gets English. */
export async function windowLanguage(win: { readonly webContents: { executeJavaScript(code: string): Promise<unknown> } } | undefined): Promise<string> {
  if (!win) return 'en'
  const lang = await win.webContents.executeJavaScript('document.documentElement.lang').catch(() => 'en') // a window that cannot answer gets English
  return typeof lang === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang) ? lang : 'en'
}

import type { Worded } from '../errors'

const E = (what: string, todo: string): Worded => ({ what, todo })
const notSettings = E('Questo non è un file di impostazioni di Plex.', 'Scegli il file Preferences.xml nella cartella dei dati del server.')

/** The core's errors in Italian, by code: what happened and what to do (see errors.ts). */
export const itErrors: Readonly<Record<string, Worded>> = {
  STOP_TIMEOUT: E('Plex Media Server non si è fermato in tempo.', 'Forse qualcuno sta guardando qualcosa, o il server è occupato (dopo un aggiornamento può volerci qualche minuto). Aspetta un minuto, poi riprova. Se succede ancora, fermalo manualmente e riprova.'),
  START_TIMEOUT: E('Plex Media Server non si è riavviato in tempo.', 'Dagli un minuto: forse si sta ancora avviando. Se Plex Web non si apre, avvia il server manualmente.'),
  ELEVATION_CANCELLED: E('La richiesta della password è stata annullata, quindi non è stato fatto nulla.', 'Riprova e inserisci la password del computer quando ti viene chiesta: serve per fermare e avviare il server.'),
  ELEVATION_DENIED: E('Il computer non ha permesso a Plex Reclaim di fermare il server.', 'Riprova con un account amministratore, oppure prima ferma il server manualmente.'),
  ELEVATION_TIMEOUT: E('Nessuno ha risposto in tempo alla richiesta della password.', 'Riprova e rispondi alla richiesta quando compare.'),
  NO_POLKIT_AGENT: E('Su questo desktop non è stato possibile mostrare la richiesta della password.', 'Ferma il server manualmente (sudo systemctl stop plexmediaserver), poi riprova.'),
  ELEVATION_UNAVAILABLE: E('Qui Plex Reclaim non può chiedere i permessi per fermare il server.', 'Ferma il server manualmente, poi riprova.'),
  CONTROL_FAILED: E('Non è stato possibile fermare o avviare Plex Media Server.', 'Fermalo manualmente, poi riprova. “Copia i dettagli” riporta la risposta del sistema.'),
  MANUAL_CONTROL: E('Questo server devi fermarlo e avviarlo tu.', 'Ferma Plex Media Server, poi riprova.'),
  SERVER_RUNNING: E('Plex Media Server è ancora in funzione.', 'Fermalo, poi riprova.'),
  SERVER_UNREACHABLE: E('Plex Media Server si è avviato ma non risponde ancora.', 'Dagli un minuto, poi apri Plex Web. Se continua a non rispondere, controlla il registro del server.'),
  STILL_CLAIMED: E('Dopo la reimpostazione il server dice di essere ancora collegato a un account.', 'Controlla di aver scelto il server giusto. Il tuo backup contiene le impostazioni com’erano.'),
  STORE_CHANGED: E('Le impostazioni sono cambiate mentre Plex Reclaim era al lavoro.', 'Riprova: prima viene fatto il backup delle nuove impostazioni.'),
  PERMISSION_DENIED: E('Plex Reclaim non ha il permesso di leggere o cambiare le impostazioni di questo server.', 'Avvia Plex Reclaim con l’utente a cui appartengono (spesso “plex”), oppure collegati con sudo.'),
  DISK_FULL: E('Il disco è pieno.', 'Libera un po’ di spazio e riprova. Non è stato cambiato nulla.'),
  READ_ONLY: E('Le impostazioni si trovano su un disco in cui non si può scrivere.', 'Rendilo scrivibile (oppure lavora dove lo è), poi riprova.'),
  NOT_FOUND: E('Quel server o quel file non c’è più.', 'Torna a “Trova il tuo server” e sceglilo di nuovo.'),
  NOT_A_FILE: E('Questa è una cartella, non un file di impostazioni.', 'Scegli il file Preferences.xml al suo interno.'),
  EMPTY_FILE: E('Quel file di impostazioni è vuoto.', 'Scegli il file Preferences.xml di un server funzionante, oppure ripristina un backup.'),
  BINARY_FILE: notSettings,
  MALFORMED_XML: E('Quel file di impostazioni è danneggiato.', 'Ripristina un backup, oppure scegli un altro file Preferences.xml.'),
  NOT_PREFERENCES: notSettings,
  NOT_A_SETTINGS_FILE: notSettings,
  BACKUP_FAILED: E('Non è stato possibile salvare il backup, quindi non è stato cambiato nulla.', 'Libera un po’ di spazio nella tua cartella personale e riprova.'),
  BACKUP_NOT_FOUND: E('Quel backup non c’è più.', 'Scegli un altro backup dall’elenco.'),
  BACKUP_CORRUPT: E('Quel backup non corrisponde alla sua somma di controllo, quindi non è stato usato.', 'Scegli un altro backup dall’elenco.'),
  VERIFY_FAILED: E('Non è stato possibile confermare la modifica, quindi è stata annullata.', 'Riprova. Il tuo backup contiene le impostazioni com’erano.'),
  RUN_IN_PROGRESS: E('È già in corso un’altra operazione su questo server.', 'Aspetta che finisca, poi riprova.'),
  RUN_INTERRUPTED: E('Un’operazione precedente su questo server non è stata completata.', 'Vai a “Benvenuto” e prima completala o torna allo stato precedente.'),
  PREFLIGHT_FAILED: E('Un controllo prima della reimpostazione non è riuscito, quindi non è stato cambiato nulla.', '“Copia i dettagli” indica il controllo e come risolvere.'),
  CLOCK_WRONG: E('L’orologio di questo computer è sbagliato.', 'Imposta la data e l’ora giuste, poi riprova.'),
  CLAIM_TOKEN_INVALID: E('Questo non è un codice di associazione.', 'Copia l’intero codice da plex.tv/claim: inizia con “claim-”.'),
  CLAIM_TOKEN_REJECTED: E('plex.tv non ha accettato quel codice di associazione: è scaduto o è già stato usato.', 'Richiedi un nuovo codice e usalo subito (un codice vale circa 4 minuti).'),
  ALREADY_CLAIMED: E('Il server è già collegato a un account.', 'Apri Plex Web: se non riesci a entrare, esegui di nuovo la reimpostazione.'),
  CLAIM_NOT_CONFIRMED: E('plex.tv non ha confermato l’associazione.', 'Aspetta un momento e apri Plex Web; se il server non è associato al tuo account, riprova.'),
  PLEX_OUTAGE: E('In questo momento plex.tv non risponde correttamente.', 'Riprova tra qualche minuto.'),
  PLEX_TV_UNREACHABLE: E('Da qui non è possibile raggiungere plex.tv.', 'Controlla la connessione a internet, poi riprova.'),
  PLEX_TV_TLS: E('La connessione a plex.tv non è affidabile.', 'Controlla la connessione a internet (potrebbero mettersi in mezzo un proxy o una pagina di accesso al Wi-Fi).'),
  PLEX_TV_UNAUTHORIZED: E('plex.tv non ha accettato l’accesso.', 'Accedi di nuovo.'),
  PIN_EXPIRED: E('L’accesso ha richiesto troppo tempo.', 'Fai di nuovo clic su “Accedi con Plex” e dai l’approvazione entro pochi minuti.'),
  SIGN_IN_CANCELLED: E('L’accesso è stato annullato.', 'Fai clic su “Accedi con Plex” per ricominciare.'),
  SSH_UNREACHABLE: E('Non è possibile raggiungere il server tramite SSH.', 'Controlla l’indirizzo e la porta SSH, e che SSH sia attivo sul server.'),
  SSH_AUTH_FAILED: E('Il server non ha accettato quel nome utente con quella chiave o password.', 'Controlla il nome utente, e la password o la chiave.'),
  HOST_KEY_CHANGED: E('La chiave del server è cambiata dall’ultima connessione.', 'Può voler dire che qualcuno si è messo in mezzo. Chiedi a chi gestisce il server prima di collegarti.'),
  HOST_KEY_UNKNOWN: E('La chiave del server non è ancora conosciuta.', 'Confronta la sua impronta e confermala.'),
  SUDO_MISSING: E('Sul server non c’è sudo.', 'Accedi come root, oppure con l’utente a cui appartengono i dati di Plex.'),
  SUDO_REFUSED: E('Questo utente non può usare sudo sul server.', 'Accedi con un utente che può farlo, oppure chiedi all’amministratore del server.'),
  SUDO_WRONG_PASSWORD: E('sudo non ha accettato quella password.', 'Scrivi di nuovo la password di sudo (non viene salvata).'),
  TOOL_MISSING: E('Su quella macchina manca uno strumento che serve a Plex Reclaim.', '“Copia i dettagli” indica quale.'),
  UNSUPPORTED_PLATFORM: E('Su questo sistema non è possibile.', '“Copia i dettagli” spiega perché.'),
  BRIDGE_UNREACHABLE: E('Plex Reclaim non risponde.', 'Avvialo di nuovo e ricarica questa pagina.')
}

/** For a code not in the list. */
export const itFallback: Worded = E('Qualcosa è andato storto in modo imprevisto. Non è stato cambiato nient’altro.', 'Riprova. Se succede di nuovo, “Copia i dettagli” contiene ciò che serve a chi ti aiuta.')

import type { Worded } from '../errors'

const E = (what: string, todo: string): Worded => ({ what, todo })
const notSettings = E('Ce n’est pas un fichier de paramètres Plex.', 'Choisissez le fichier Preferences.xml dans le dossier de données du serveur.')

/** The core's errors in French, by code: what happened and what to do (see errors.ts). */
export const frErrors: Readonly<Record<string, Worded>> = {
  STOP_TIMEOUT: E('Plex Media Server ne s’est pas arrêté à temps.', 'Quelqu’un regarde peut-être une vidéo, ou le serveur est occupé (après une mise à jour, cela peut prendre quelques minutes). Attendez une minute, puis réessayez. Si cela se reproduit, arrêtez-le vous-même et réessayez.'),
  START_TIMEOUT: E('Plex Media Server n’a pas redémarré à temps.', 'Laissez-lui une minute\u00a0: il est peut-être encore en train de démarrer. Si Plex Web ne s’ouvre pas, démarrez le serveur vous-même.'),
  ELEVATION_CANCELLED: E('La demande de mot de passe a été annulée\u00a0: rien n’a été fait.', 'Réessayez et saisissez le mot de passe de votre ordinateur quand il vous est demandé\u00a0: il est nécessaire pour arrêter et démarrer le serveur.'),
  ELEVATION_DENIED: E('Votre ordinateur n’a pas autorisé Plex Reclaim à arrêter le serveur.', 'Réessayez avec un compte administrateur, ou arrêtez d’abord le serveur vous-même.'),
  ELEVATION_TIMEOUT: E('La demande de mot de passe est restée trop longtemps sans réponse.', 'Réessayez et répondez à la demande dès qu’elle apparaît.'),
  NO_POLKIT_AGENT: E('Aucune demande de mot de passe n’a pu s’afficher sur ce bureau.', 'Arrêtez le serveur vous-même (sudo systemctl stop plexmediaserver), puis réessayez.'),
  ELEVATION_UNAVAILABLE: E('Plex Reclaim ne peut pas demander ici les droits nécessaires pour arrêter le serveur.', 'Arrêtez le serveur vous-même, puis réessayez.'),
  CONTROL_FAILED: E('Impossible d’arrêter ou de démarrer Plex Media Server.', 'Arrêtez-le vous-même, puis réessayez. «\u00a0Copier les détails\u00a0» indique ce que le système a répondu.'),
  MANUAL_CONTROL: E('Ce serveur doit être arrêté et démarré par vous.', 'Arrêtez Plex Media Server, puis réessayez.'),
  SERVER_RUNNING: E('Plex Media Server fonctionne encore.', 'Arrêtez-le, puis réessayez.'),
  SERVER_UNREACHABLE: E('Plex Media Server a démarré, mais ne répond pas encore.', 'Laissez-lui une minute, puis ouvrez Plex Web. S’il ne répond toujours pas, consultez le journal du serveur.'),
  STILL_CLAIMED: E('Le serveur indique qu’il est toujours connecté à un compte après la réinitialisation.', 'Vérifiez que vous avez choisi le bon serveur. Votre sauvegarde contient les paramètres tels qu’ils étaient.'),
  STORE_CHANGED: E('Les paramètres ont changé pendant que Plex Reclaim travaillait.', 'Réessayez\u00a0: les nouveaux paramètres seront d’abord sauvegardés.'),
  PERMISSION_DENIED: E('Plex Reclaim n’a pas le droit de lire ou de modifier les paramètres de ce serveur.', 'Lancez Plex Reclaim avec l’utilisateur à qui ils appartiennent (souvent «\u00a0plex\u00a0»), ou connectez-vous avec sudo.'),
  DISK_FULL: E('Le disque est plein.', 'Libérez de l’espace et réessayez. Rien n’a été modifié.'),
  READ_ONLY: E('Les paramètres se trouvent sur un disque en lecture seule.', 'Rendez-le accessible en écriture (ou travaillez là où il l’est), puis réessayez.'),
  NOT_FOUND: E('Ce serveur ou ce fichier n’existe plus.', 'Revenez à «\u00a0Trouver votre serveur\u00a0» et choisissez-le de nouveau.'),
  NOT_A_FILE: E('C’est un dossier, pas un fichier de paramètres.', 'Choisissez le fichier Preferences.xml qu’il contient.'),
  EMPTY_FILE: E('Ce fichier de paramètres est vide.', 'Choisissez le fichier Preferences.xml d’un serveur qui fonctionne, ou restaurez une sauvegarde.'),
  BINARY_FILE: notSettings,
  MALFORMED_XML: E('Ce fichier de paramètres est endommagé.', 'Restaurez une sauvegarde, ou choisissez un autre fichier Preferences.xml.'),
  NOT_PREFERENCES: notSettings,
  NOT_A_SETTINGS_FILE: notSettings,
  BACKUP_FAILED: E('La sauvegarde n’a pas pu être enregistrée\u00a0: rien n’a été modifié.', 'Libérez de l’espace dans votre dossier personnel et réessayez.'),
  BACKUP_NOT_FOUND: E('Cette sauvegarde n’existe plus.', 'Choisissez une autre sauvegarde dans la liste.'),
  BACKUP_CORRUPT: E('Cette sauvegarde ne correspond pas à sa somme de contrôle\u00a0: elle n’a pas été utilisée.', 'Choisissez une autre sauvegarde dans la liste.'),
  VERIFY_FAILED: E('La modification n’a pas pu être confirmée\u00a0: elle a été annulée.', 'Réessayez. Votre sauvegarde contient les paramètres tels qu’ils étaient.'),
  RUN_IN_PROGRESS: E('Une autre opération est en cours sur ce serveur.', 'Attendez qu’elle se termine, puis réessayez.'),
  RUN_INTERRUPTED: E('Une opération précédente sur ce serveur n’a pas abouti.', 'Allez à «\u00a0Bienvenue\u00a0» pour d’abord la terminer ou revenir en arrière.'),
  PREFLIGHT_FAILED: E('Une vérification avant la réinitialisation a échoué\u00a0: rien n’a été modifié.', '«\u00a0Copier les détails\u00a0» indique la vérification en cause et comment y remédier.'),
  CLOCK_WRONG: E('L’horloge de cet ordinateur n’est pas à l’heure.', 'Réglez la date et l’heure, puis réessayez.'),
  CLAIM_TOKEN_INVALID: E('Ce n’est pas un code d’association.', 'Copiez le code entier depuis plex.tv/claim\u00a0: il commence par «\u00a0claim-\u00a0».'),
  CLAIM_TOKEN_REJECTED: E('plex.tv n’a pas accepté ce code d’association\u00a0: il a expiré ou a déjà été utilisé.', 'Demandez un nouveau code et utilisez-le tout de suite (un code reste valable environ 4\u00a0minutes).'),
  ALREADY_CLAIMED: E('Le serveur est déjà connecté à un compte.', 'Ouvrez Plex Web\u00a0: si vous ne pouvez pas y accéder, relancez la réinitialisation.'),
  CLAIM_NOT_CONFIRMED: E('plex.tv n’a pas confirmé l’association.', 'Patientez un instant et ouvrez Plex Web\u00a0; si le serveur n’est pas associé à votre compte, réessayez.'),
  PLEX_OUTAGE: E('plex.tv ne répond pas correctement en ce moment.', 'Réessayez dans quelques minutes.'),
  PLEX_TV_UNREACHABLE: E('Impossible de joindre plex.tv depuis cet ordinateur.', 'Vérifiez la connexion Internet, puis réessayez.'),
  PLEX_TV_TLS: E('La connexion à plex.tv n’est pas sûre.', 'Vérifiez la connexion Internet (un proxy ou une page de connexion Wi-Fi peut s’interposer).'),
  PLEX_TV_UNAUTHORIZED: E('plex.tv n’a pas accepté la connexion.', 'Reconnectez-vous.'),
  PIN_EXPIRED: E('La connexion a pris trop de temps.', 'Cliquez de nouveau sur «\u00a0Se connecter avec Plex\u00a0» et donnez votre accord dans les minutes qui suivent.'),
  SIGN_IN_CANCELLED: E('La connexion a été annulée.', 'Cliquez sur «\u00a0Se connecter avec Plex\u00a0» pour recommencer.'),
  SSH_UNREACHABLE: E('Impossible de joindre le serveur en SSH.', 'Vérifiez l’adresse et le port SSH, et que SSH est bien activé sur le serveur.'),
  SSH_AUTH_FAILED: E('Le serveur n’a pas accepté ce nom d’utilisateur avec cette clé ou ce mot de passe.', 'Vérifiez le nom d’utilisateur, ainsi que le mot de passe ou la clé.'),
  HOST_KEY_CHANGED: E('La clé du serveur a changé depuis la dernière connexion.', 'Cela peut signifier que quelqu’un s’est placé entre vous et le serveur. Demandez conseil à la personne qui gère le serveur avant de vous connecter.'),
  HOST_KEY_UNKNOWN: E('La clé du serveur n’est pas encore connue.', 'Comparez son empreinte, puis confirmez-la.'),
  SUDO_MISSING: E('sudo n’est pas installé sur le serveur.', 'Connectez-vous en tant que root, ou avec l’utilisateur à qui appartiennent les données de Plex.'),
  SUDO_REFUSED: E('Cet utilisateur n’a pas le droit d’utiliser sudo sur le serveur.', 'Connectez-vous avec un utilisateur qui en a le droit, ou adressez-vous à l’administrateur du serveur.'),
  SUDO_WRONG_PASSWORD: E('sudo n’a pas accepté ce mot de passe.', 'Saisissez de nouveau le mot de passe sudo (il n’est pas enregistré).'),
  TOOL_MISSING: E('Un outil dont Plex Reclaim a besoin manque sur cette machine.', '«\u00a0Copier les détails\u00a0» indique lequel.'),
  UNSUPPORTED_PLATFORM: E('Ce n’est pas possible sur ce système.', '«\u00a0Copier les détails\u00a0» explique pourquoi.'),
  BRIDGE_UNREACHABLE: E('Plex Reclaim ne répond pas.', 'Relancez-le, puis rechargez cette page.')
}

/** For a code not in the list. */
export const frFallback: Worded = E('Un problème inattendu est survenu. Rien d’autre n’a été modifié.', 'Réessayez. Si cela se reproduit, «\u00a0Copier les détails\u00a0» fournit ce dont aura besoin la personne qui vous aide.')

import type { Worded } from '../errors'

const E = (what: string, todo: string): Worded => ({ what, todo })
const notSettings = E('Eso no es un archivo de configuración de Plex.', 'Elige el archivo Preferences.xml de la carpeta de datos del servidor.')

/** The core's errors in Spanish, by code: what happened and what to do (see errors.ts). */
export const esErrors: Readonly<Record<string, Worded>> = {
  STOP_TIMEOUT: E('Plex Media Server no se detuvo a tiempo.', 'Puede que alguien esté viendo algo o que el servidor esté ocupado (después de una actualización puede tardar unos minutos). Espera un minuto y vuelve a intentarlo. Si sigue pasando, detenlo por tu cuenta y vuelve a intentarlo.'),
  START_TIMEOUT: E('Plex Media Server no volvió a iniciarse a tiempo.', 'Dale un minuto: puede que todavía se esté iniciando. Si Plex Web no se abre, inicia el servidor por tu cuenta.'),
  ELEVATION_CANCELLED: E('Se canceló la petición de contraseña, así que no se hizo nada.', 'Vuelve a intentarlo y escribe la contraseña de tu equipo cuando se te pida: hace falta para detener e iniciar el servidor.'),
  ELEVATION_DENIED: E('Tu equipo no permitió que Plex Reclaim detuviera el servidor.', 'Vuelve a intentarlo con una cuenta de administrador, o detén antes el servidor por tu cuenta.'),
  ELEVATION_TIMEOUT: E('Nadie respondió a tiempo a la petición de contraseña.', 'Vuelve a intentarlo y responde a la petición cuando aparezca.'),
  NO_POLKIT_AGENT: E('No se pudo mostrar ninguna petición de contraseña en este escritorio.', 'Detén el servidor por tu cuenta (sudo systemctl stop plexmediaserver) y vuelve a intentarlo.'),
  ELEVATION_UNAVAILABLE: E('Aquí Plex Reclaim no puede pedir los permisos para detener el servidor.', 'Detén el servidor por tu cuenta y vuelve a intentarlo.'),
  CONTROL_FAILED: E('No se pudo detener ni iniciar Plex Media Server.', 'Detenlo por tu cuenta y vuelve a intentarlo. «Copiar los detalles» dice lo que respondió el sistema.'),
  MANUAL_CONTROL: E('Este servidor tienes que detenerlo e iniciarlo tú.', 'Detén Plex Media Server y vuelve a intentarlo.'),
  SERVER_RUNNING: E('Plex Media Server sigue en marcha.', 'Detenlo y vuelve a intentarlo.'),
  SERVER_UNREACHABLE: E('Plex Media Server se inició, pero todavía no responde.', 'Dale un minuto y luego abre Plex Web. Si sigue sin responder, revisa el registro del servidor.'),
  STILL_CLAIMED: E('Después del restablecimiento, el servidor sigue diciendo que tiene la sesión iniciada.', 'Comprueba que elegiste el servidor correcto. Tu copia de seguridad guarda la configuración como estaba.'),
  STORE_CHANGED: E('La configuración cambió mientras Plex Reclaim trabajaba.', 'Vuelve a intentarlo: primero se hace una copia de seguridad de la configuración nueva.'),
  PERMISSION_DENIED: E('Plex Reclaim no tiene permiso para leer ni cambiar la configuración de este servidor.', 'Ejecuta Plex Reclaim con el usuario al que pertenece (a menudo «plex»), o conéctate con sudo.'),
  DISK_FULL: E('El disco está lleno.', 'Libera espacio y vuelve a intentarlo. No se cambió nada.'),
  READ_ONLY: E('La configuración está en un disco en el que no se puede escribir.', 'Haz que se pueda escribir en él (o trabaja donde sí se puede) y vuelve a intentarlo.'),
  NOT_FOUND: E('Ese servidor o ese archivo ya no está.', 'Vuelve a «Buscar tu servidor» y elígelo de nuevo.'),
  NOT_A_FILE: E('Eso es una carpeta, no un archivo de configuración.', 'Elige el archivo Preferences.xml que hay dentro.'),
  EMPTY_FILE: E('Ese archivo de configuración está vacío.', 'Elige el archivo Preferences.xml de un servidor que funcione, o restaura una copia de seguridad.'),
  BINARY_FILE: notSettings,
  MALFORMED_XML: E('Ese archivo de configuración está dañado.', 'Restaura una copia de seguridad o elige otro archivo Preferences.xml.'),
  NOT_PREFERENCES: notSettings,
  NOT_A_SETTINGS_FILE: notSettings,
  BACKUP_FAILED: E('No se pudo guardar la copia de seguridad, así que no se cambió nada.', 'Libera espacio en tu carpeta personal y vuelve a intentarlo.'),
  BACKUP_NOT_FOUND: E('Esa copia de seguridad ya no está.', 'Elige otra copia de la lista.'),
  BACKUP_CORRUPT: E('Esa copia de seguridad no coincide con su suma de comprobación, así que no se usó.', 'Elige otra copia de la lista.'),
  VERIFY_FAILED: E('No se pudo confirmar el cambio, así que se deshizo.', 'Vuelve a intentarlo. Tu copia de seguridad guarda la configuración como estaba.'),
  RUN_IN_PROGRESS: E('Ya hay otra operación en curso en este servidor.', 'Espera a que termine y vuelve a intentarlo.'),
  RUN_INTERRUPTED: E('Una operación anterior en este servidor no terminó.', 'Ve a «Bienvenida» y termínala o deshazla primero.'),
  PREFLIGHT_FAILED: E('Falló una comprobación previa al restablecimiento, así que no se cambió nada.', '«Copiar los detalles» indica qué comprobación falló y cómo arreglarlo.'),
  CLOCK_WRONG: E('El reloj de este equipo no está en hora.', 'Ajusta la fecha y la hora, y vuelve a intentarlo.'),
  CLAIM_TOKEN_INVALID: E('Eso no es un código de vinculación.', 'Copia el código completo de plex.tv/claim: empieza por «claim-».'),
  CLAIM_TOKEN_REJECTED: E('plex.tv no aceptó ese código de vinculación: ha caducado o ya se usó.', 'Consigue un código nuevo y úsalo enseguida (un código dura unos 4 minutos).'),
  ALREADY_CLAIMED: E('El servidor ya tiene la sesión iniciada.', 'Abre Plex Web: si no puedes entrar, vuelve a hacer el restablecimiento.'),
  CLAIM_NOT_CONFIRMED: E('plex.tv no confirmó la vinculación.', 'Espera un momento y abre Plex Web; si el servidor no está vinculado a tu cuenta, vuelve a intentarlo.'),
  PLEX_OUTAGE: E('Ahora mismo plex.tv no responde bien.', 'Vuelve a intentarlo dentro de unos minutos.'),
  PLEX_TV_UNREACHABLE: E('No se puede llegar a plex.tv desde aquí.', 'Comprueba la conexión a internet y vuelve a intentarlo.'),
  PLEX_TV_TLS: E('La conexión con plex.tv no es de fiar.', 'Comprueba la conexión a internet (puede que un proxy o una página de acceso a la wifi se interponga).'),
  PLEX_TV_UNAUTHORIZED: E('plex.tv no aceptó el inicio de sesión.', 'Vuelve a iniciar sesión.'),
  PIN_EXPIRED: E('El inicio de sesión tardó demasiado.', 'Haz clic de nuevo en «Iniciar sesión con Plex» y apruébalo en unos minutos.'),
  SIGN_IN_CANCELLED: E('Se canceló el inicio de sesión.', 'Haz clic en «Iniciar sesión con Plex» para empezar de nuevo.'),
  SSH_UNREACHABLE: E('No se puede llegar al servidor por SSH.', 'Comprueba la dirección y el puerto SSH, y que SSH esté activado en el servidor.'),
  SSH_AUTH_FAILED: E('El servidor no aceptó ese nombre de usuario con esa clave o contraseña.', 'Comprueba el nombre de usuario y la contraseña o la clave.'),
  HOST_KEY_CHANGED: E('La clave del servidor ha cambiado desde la última conexión.', 'Puede significar que alguien se ha metido por medio. Pregunta a quien administra el servidor antes de conectarte.'),
  HOST_KEY_UNKNOWN: E('Todavía no se conoce la clave del servidor.', 'Compara su huella digital y confírmala.'),
  SUDO_MISSING: E('El servidor no tiene sudo.', 'Inicia sesión como root o con el usuario al que pertenecen los datos de Plex.'),
  SUDO_REFUSED: E('Este usuario no puede usar sudo en el servidor.', 'Inicia sesión con un usuario que pueda, o pregunta a quien administra el servidor.'),
  SUDO_WRONG_PASSWORD: E('sudo no aceptó esa contraseña.', 'Vuelve a escribir la contraseña de sudo (no se guarda).'),
  TOOL_MISSING: E('Falta en esa máquina una herramienta que Plex Reclaim necesita.', '«Copiar los detalles» dice cuál es.'),
  UNSUPPORTED_PLATFORM: E('Esto no es posible en este sistema.', '«Copiar los detalles» explica por qué.'),
  BRIDGE_UNREACHABLE: E('Plex Reclaim no responde.', 'Vuelve a abrirlo y recarga esta página.')
}

/** For a code not in the list. */
export const esFallback: Worded = E('Algo salió mal de forma inesperada. No se cambió nada más.', 'Vuelve a intentarlo. Si vuelve a pasar, «Copiar los detalles» tiene lo que necesita quien te ayude.')

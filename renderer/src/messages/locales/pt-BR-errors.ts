import type { Worded } from '../errors'

const E = (what: string, todo: string): Worded => ({ what, todo })
const notSettings = E('Isso não é um arquivo de configurações do Plex.', 'Escolha o arquivo Preferences.xml na pasta de dados do servidor.')

/** The core's errors in Brazilian Portuguese, by code: what happened and what to do (see errors.ts). */
export const ptBRErrors: Readonly<Record<string, Worded>> = {
  STOP_TIMEOUT: E('O Plex Media Server não parou a tempo.', 'Talvez alguém esteja assistindo algo, ou o servidor esteja ocupado (depois de uma atualização, isso pode levar alguns minutos). Espere um minuto e tente de novo. Se continuar acontecendo, pare o servidor manualmente e tente de novo.'),
  START_TIMEOUT: E('O Plex Media Server não voltou a iniciar a tempo.', 'Espere um minuto: talvez ele ainda esteja iniciando. Se o Plex Web não abrir, inicie o servidor manualmente.'),
  ELEVATION_CANCELLED: E('O pedido de senha foi cancelado, então nada foi feito.', 'Tente de novo e digite a senha do computador quando ela for pedida: ela é necessária para parar e iniciar o servidor.'),
  ELEVATION_DENIED: E('O computador não permitiu que o Plex Reclaim parasse o servidor.', 'Tente de novo com uma conta de administrador, ou pare o servidor manualmente antes.'),
  ELEVATION_TIMEOUT: E('O pedido de senha não foi respondido a tempo.', 'Tente de novo e responda ao pedido quando ele aparecer.'),
  NO_POLKIT_AGENT: E('Não foi possível mostrar um pedido de senha nesta área de trabalho.', 'Pare o servidor manualmente (sudo systemctl stop plexmediaserver) e tente de novo.'),
  ELEVATION_UNAVAILABLE: E('Aqui o Plex Reclaim não consegue pedir permissão para parar o servidor.', 'Pare o servidor manualmente e tente de novo.'),
  CONTROL_FAILED: E('Não foi possível parar ou iniciar o Plex Media Server.', 'Pare o servidor manualmente e tente de novo. “Copiar os detalhes” mostra o que o sistema respondeu.'),
  MANUAL_CONTROL: E('Este servidor precisa ser parado e iniciado por você.', 'Pare o Plex Media Server e tente de novo.'),
  SERVER_RUNNING: E('O Plex Media Server ainda está em execução.', 'Pare o servidor e tente de novo.'),
  SERVER_UNREACHABLE: E('O Plex Media Server iniciou, mas ainda não responde.', 'Espere um minuto e abra o Plex Web. Se ele continuar sem responder, confira os registros do servidor.'),
  STILL_CLAIMED: E('Depois da redefinição, o servidor ainda diz que está conectado a uma conta.', 'Confira se o servidor escolhido é o certo. O seu backup guarda as configurações como estavam.'),
  STORE_CHANGED: E('As configurações mudaram enquanto o Plex Reclaim trabalhava.', 'Tente de novo: antes é feito um backup das novas configurações.'),
  PERMISSION_DENIED: E('O Plex Reclaim não tem permissão para ler ou alterar as configurações deste servidor.', 'Execute o Plex Reclaim com o usuário dono delas (muitas vezes “plex”), ou conecte-se com sudo.'),
  DISK_FULL: E('O disco está cheio.', 'Libere espaço e tente de novo. Nada foi alterado.'),
  READ_ONLY: E('As configurações estão em um disco que não aceita gravação.', 'Torne-o gravável (ou trabalhe onde ele é gravável) e tente de novo.'),
  NOT_FOUND: E('Esse servidor ou arquivo não existe mais.', 'Volte para “Encontrar seu servidor” e escolha-o de novo.'),
  NOT_A_FILE: E('Isso é uma pasta, não um arquivo de configurações.', 'Escolha o arquivo Preferences.xml que está dentro dela.'),
  EMPTY_FILE: E('Esse arquivo de configurações está vazio.', 'Escolha o arquivo Preferences.xml de um servidor que funcione, ou restaure um backup.'),
  BINARY_FILE: notSettings,
  MALFORMED_XML: E('Esse arquivo de configurações está danificado.', 'Restaure um backup ou escolha outro arquivo Preferences.xml.'),
  NOT_PREFERENCES: notSettings,
  NOT_A_SETTINGS_FILE: notSettings,
  BACKUP_FAILED: E('Não foi possível salvar o backup, então nada foi alterado.', 'Libere espaço na sua pasta pessoal e tente de novo.'),
  BACKUP_NOT_FOUND: E('Esse backup não existe mais.', 'Escolha outro backup da lista.'),
  BACKUP_CORRUPT: E('Esse backup não confere com a soma de verificação dele, então não foi usado.', 'Escolha outro backup da lista.'),
  VERIFY_FAILED: E('Não foi possível confirmar a alteração, então ela foi desfeita.', 'Tente de novo. O seu backup guarda as configurações como estavam.'),
  RUN_IN_PROGRESS: E('Outra operação já está em andamento neste servidor.', 'Espere até ela terminar e tente de novo.'),
  RUN_INTERRUPTED: E('Uma operação anterior neste servidor não terminou.', 'Vá para “Boas-vindas” e termine ou desfaça essa operação primeiro.'),
  PREFLIGHT_FAILED: E('Uma verificação antes da redefinição falhou, então nada foi alterado.', '“Copiar os detalhes” mostra a verificação e como resolver.'),
  CLOCK_WRONG: E('O relógio deste computador está errado.', 'Acerte a data e a hora e tente de novo.'),
  CLAIM_TOKEN_INVALID: E('Isso não é um código de vinculação.', 'Copie o código inteiro de plex.tv/claim: ele começa com “claim-”.'),
  CLAIM_TOKEN_REJECTED: E('O plex.tv não aceitou esse código de vinculação: ele expirou ou já foi usado.', 'Obtenha um código novo e use-o logo (um código vale por cerca de 4 minutos).'),
  ALREADY_CLAIMED: E('O servidor já está conectado a uma conta.', 'Abra o Plex Web: se você não conseguir entrar, faça a redefinição de novo.'),
  CLAIM_NOT_CONFIRMED: E('O plex.tv não confirmou a vinculação.', 'Espere um pouco e abra o Plex Web; se o servidor não estiver vinculado à sua conta, tente de novo.'),
  PLEX_OUTAGE: E('O plex.tv não está respondendo direito agora.', 'Tente de novo daqui a alguns minutos.'),
  PLEX_TV_UNREACHABLE: E('Não é possível acessar o plex.tv daqui.', 'Verifique a conexão com a internet e tente de novo.'),
  PLEX_TV_TLS: E('A conexão com o plex.tv não é confiável.', 'Verifique a conexão com a internet (um proxy ou uma página de acesso ao Wi-Fi pode estar no caminho).'),
  PLEX_TV_UNAUTHORIZED: E('O plex.tv não aceitou a entrada na conta.', 'Entre de novo.'),
  PIN_EXPIRED: E('A entrada na conta demorou demais.', 'Clique de novo em “Entrar com o Plex” e aprove em poucos minutos.'),
  SIGN_IN_CANCELLED: E('A entrada na conta foi cancelada.', 'Clique em “Entrar com o Plex” para começar de novo.'),
  SSH_UNREACHABLE: E('Não é possível acessar o servidor por SSH.', 'Confira o endereço e a porta SSH, e se o SSH está ativado no servidor.'),
  SSH_AUTH_FAILED: E('O servidor não aceitou esse nome de usuário com essa chave ou senha.', 'Confira o nome de usuário e a senha ou a chave.'),
  HOST_KEY_CHANGED: E('A chave do servidor mudou desde a última conexão.', 'Isso pode significar que alguém está no meio do caminho. Fale com quem administra o servidor antes de se conectar.'),
  HOST_KEY_UNKNOWN: E('A chave do servidor ainda não é conhecida.', 'Compare a impressão digital dela e confirme.'),
  SUDO_MISSING: E('O servidor não tem sudo.', 'Entre como root, ou com o usuário dono dos dados do Plex.'),
  SUDO_REFUSED: E('Este usuário não pode usar sudo no servidor.', 'Entre com um usuário que possa, ou fale com o administrador do servidor.'),
  SUDO_WRONG_PASSWORD: E('O sudo não aceitou essa senha.', 'Digite de novo a senha do sudo (ela não é guardada).'),
  TOOL_MISSING: E('Falta nessa máquina uma ferramenta de que o Plex Reclaim precisa.', '“Copiar os detalhes” mostra qual é.'),
  UNSUPPORTED_PLATFORM: E('Isso não é possível neste sistema.', '“Copiar os detalhes” explica por quê.'),
  BRIDGE_UNREACHABLE: E('O Plex Reclaim não está respondendo.', 'Abra-o de novo e recarregue esta página.')
}

/** For a code not in the list. */
export const ptBRFallback: Worded = E('Algo inesperado deu errado. Nada mais foi alterado.', 'Tente de novo. Se voltar a acontecer, “Copiar os detalhes” reúne tudo o que alguém vai precisar para ajudar você.')

/** Catalan/Valencian texts of the worker's pages and messages (source: ./es.ts). */
import type { ServerCatalog } from "./server-i18n.ts";

export const ca: ServerCatalog = {
  "brand.tagline": "Servei d’identificació de les administracions públiques",
  "brand.host": "Pàgina de Llave a {host}",
  "page.language": "Idioma",
  "back.service": "Tornar a {agency}",
  "back.start": "Anar a la vostra àrea de Llave",
  "notFound.title": "No trobem aquesta pàgina",
  "notFound.text": "L’adreça no correspon a cap pàgina de Llave. Comproveu que està ben escrita.",
  "server.title": "Alguna cosa ha fallat a Llave",
  "server.text": "No és culpa vostra. Torneu-ho a provar d’aquí a uns minuts.",
  "loginGone.title": "Aquest inici de sessió ja no és vàlid",
  "loginGone.text":
    "Ja es va completar, ha caducat o no existeix. Torneu a la pàgina del servei i comenceu de nou.",
  "otherBrowser.title": "Aquest inici de sessió es va començar en un altre navegador",
  "otherBrowser.text":
    "Per la vostra seguretat, només el pot acabar el navegador on va començar. Si algú us ha enviat aquest enllaç, no el feu servir: torneu a la pàgina del servei i comenceu de nou.",
  "refused.title": "No es pot continuar aquest inici de sessió",
  "refused.origin": "La petició no prové de Llave.",
  "refused.missing": "L’inici de sessió no existeix o ha caducat.",
  "refused.otherBrowser": "L’inici de sessió es va començar en un altre navegador.",
  "refused.done": "Aquest inici de sessió ja es va completar.",
  "refused.again": "Torneu a la pàgina del servei i comenceu de nou.",
  "authorize.title": "No es pot iniciar la sessió",
  "authorize.text":
    "El servei que us ha enviat aquí ha fet una petició no vàlida. Torneu a la pàgina del servei i torneu-ho a provar.",
  "own.cancelled.title": "Heu cancel·lat l’accés",
  "own.cancelled.text":
    "No heu entrat a la vostra àrea de Llave. Podeu identificar-vos de nou quan vulgueu.",
  "own.again": "Identificar-se de nou",
  "own.refused.title": "No podeu entrar amb aquest accés",
  "own.refused.text":
    "Aquesta pàgina de Llave necessita un accés de nivell substancial (contrasenya i codi per SMS, o PIN a l’app).",
  "logout.refused.title": "No es pot tancar la sessió",
  "logout.confirm.title": "Voleu tancar la sessió de Llave?",
  "logout.confirm.text": "Es tancarà la vostra sessió a Llave i als serveis que la fan servir.",
  "logout.confirm.action": "Tancar la sessió",
  "logout.done.title": "Heu tancat la sessió",
  "logout.done.text": "Podeu tancar aquesta finestra.",
  "error.detail": "Detall tècnic",
  "sms.pin": "Llave: el vostre PIN és {pin}. Vàlid fins a les {time}. No el compartiu amb ningú.",
  "sms.otp":
    "Llave: el vostre codi de verificació és {code}. Vàlid fins a les {time}. No el compartiu amb ningú.",
  "sms.activation":
    "Llave: el vostre codi d’activació de la contrasenya és {code}. Vàlid fins al {date}.",
  "sms.device":
    "Llave: el vostre codi per activar l’app Llave és {code}. Vàlid fins a les {time}. No el compartiu amb ningú; ningú de l’Administració us el demanarà.",
  "notice.notYou": "Si no heu estat vós, contacteu amb una oficina de registre.",
  "notice.device": "Llave: s’ha activat l’app Llave a «{name}».",
  "notice.deviceReplaced": "L’app queda desactivada al vostre dispositiu anterior.",
  "notice.deviceWait":
    "Fins al {until} només servirà per a accessos de nivell baix. Si no heu estat vós, anul·leu-la aquí: {url}",
  "notice.password.activated": "Llave: s’ha activat la vostra contrasenya permanent.",
  "notice.password.changed": "Llave: s’ha canviat la vostra contrasenya permanent.",
  "notice.password.blocked":
    "Llave: la vostra contrasenya s’ha pausat després de diversos intents fallits. La podreu tornar a fer servir a partir del {until}; entrar amb l’app Llave, o una oficina de registre, la desbloqueja abans.",
  "notice.password.cancelled": "Llave: s’ha cancel·lat la vostra contrasenya permanent.",
  "notice.password.code_issued":
    "Llave: s’ha emès un nou codi d’activació per a la vostra contrasenya.",
  "notice.pinLocked":
    "Llave: l’accés amb PIN, contrasenya i codis s’ha bloquejat després de massa intents fallits, fins al {until}. Entrar amb l’app Llave el desbloqueja abans, i també una oficina de registre.",
};

/** Galician texts of the worker's pages and messages (source: ./es.ts). */
import type { ServerCatalog } from "./server-i18n.ts";

export const gl: ServerCatalog = {
  "brand.tagline": "Servizo de identificación das administracións públicas",
  "brand.host": "Páxina de Llave en {host}",
  "page.language": "Lingua",
  "back.service": "Volver a {agency}",
  "back.start": "Ir á súa área de Llave",
  "notFound.title": "Non atopamos esta páxina",
  "notFound.text":
    "O enderezo non corresponde a ningunha páxina de Llave. Comprobe que está ben escrito.",
  "server.title": "Algo fallou en Llave",
  "server.text": "Non é culpa súa. Ténteo de novo dentro duns minutos.",
  "loginGone.title": "Este inicio de sesión xa non é válido",
  "loginGone.text":
    "Xa se completou, caducou ou non existe. Volva á páxina do servizo e comece de novo.",
  "otherBrowser.title": "Este inicio de sesión comezouse noutro navegador",
  "otherBrowser.text":
    "Pola súa seguridade, só pode rematalo o navegador no que comezou. Se alguén lle enviou esta ligazón, non a use: volva á páxina do servizo e comece de novo.",
  "refused.title": "Non se pode continuar este inicio de sesión",
  "refused.origin": "A petición non procede de Llave.",
  "refused.missing": "O inicio de sesión non existe ou caducou.",
  "refused.otherBrowser": "O inicio de sesión comezouse noutro navegador.",
  "refused.done": "Este inicio de sesión xa se completou.",
  "refused.again": "Volva á páxina do servizo e comece de novo.",
  "authorize.title": "Non se pode iniciar sesión",
  "authorize.text":
    "O servizo que o enviou aquí fixo unha petición non válida. Volva á páxina do servizo e ténteo de novo.",
  "own.cancelled.title": "Cancelou o acceso",
  "own.cancelled.text": "Non entrou na súa área de Llave. Pode identificarse de novo cando queira.",
  "own.again": "Identificarse de novo",
  "own.refused.title": "Non pode entrar con este acceso",
  "own.refused.text":
    "Esta páxina de Llave necesita un acceso de nivel substancial (contrasinal e código por SMS, ou PIN na app).",
  "logout.refused.title": "Non se pode pechar a sesión",
  "logout.confirm.title": "Pechar a sesión de Llave?",
  "logout.confirm.text": "Pecharase a súa sesión en Llave e nos servizos que a usan.",
  "logout.confirm.action": "Pechar sesión",
  "logout.done.title": "Pechou a sesión",
  "logout.done.text": "Pode pechar esta xanela.",
  "error.detail": "Detalle técnico",
  "sms.pin": "Llave: o seu PIN é {pin}. Válido ata as {time}. Non o comparta con ninguén.",
  "sms.otp":
    "Llave: o seu código de verificación é {code}. Válido ata as {time}. Non o comparta con ninguén.",
  "sms.activation":
    "Llave: o seu código de activación do contrasinal é {code}. Válido ata o {date}.",
  "sms.device":
    "Llave: o seu código para activar a app Llave é {code}. Válido ata as {time}. Non o comparta con ninguén; ninguén da Administración llo pedirá.",
  "notice.notYou": "Se non foi vostede, contacte cunha oficina de rexistro.",
  "notice.device": "Llave: activouse a app Llave en «{name}».",
  "notice.deviceReplaced": "A app queda desactivada no seu dispositivo anterior.",
  "notice.deviceWait":
    "Ata o {until} só servirá para accesos de nivel baixo. Se non foi vostede, anúlea aquí: {url}",
  "notice.password.activated": "Llave: activouse o seu contrasinal permanente.",
  "notice.password.changed": "Llave: cambiouse o seu contrasinal permanente.",
  "notice.password.blocked":
    "Llave: o seu contrasinal púxose en pausa tras varios intentos fallidos. Poderá volver usalo desde o {until}; entrar coa app Llave, ou unha oficina de rexistro, desbloquéao antes.",
  "notice.password.cancelled": "Llave: cancelouse o seu contrasinal permanente.",
  "notice.password.code_issued":
    "Llave: emitiuse un novo código de activación para o seu contrasinal.",
  "notice.pinLocked":
    "Llave: o acceso con PIN, contrasinal e códigos bloqueouse tras demasiados intentos fallidos, ata o {until}. Entrar coa app Llave desbloquéao antes, e tamén unha oficina de rexistro.",
};

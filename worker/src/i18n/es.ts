/**
 * Spanish: the source catalog of the worker's own texts — Llave's server-rendered pages and
 * the SMS and e-mail messages. Every other language is typed `ServerCatalog` (./server-i18n.ts),
 * so a key added here and missing elsewhere does not compile; test/node/server-catalogs.test.ts
 * checks placeholders at run time. `{time}` is a clock time with its zone, `{date}` a date,
 * both already in the citizen's language (web-widget/src/i18n/time-words.ts).
 */
export const es = {
  "brand.tagline": "Servicio de identificación de las administraciones públicas",
  "brand.host": "Página de Llave en {host}",
  "page.language": "Idioma",
  "back.service": "Volver a {agency}",
  "back.start": "Ir a su área de Llave",
  "notFound.title": "No encontramos esta página",
  "notFound.text":
    "La dirección no corresponde a ninguna página de Llave. Compruebe que está bien escrita.",
  "server.title": "Algo ha fallado en Llave",
  "server.text": "No es culpa suya. Inténtelo de nuevo dentro de unos minutos.",
  "loginGone.title": "Este inicio de sesión ya no es válido",
  "loginGone.text":
    "Ya se completó, caducó o no existe. Vuelva a la página del servicio y empiece de nuevo.",
  "otherBrowser.title": "Este inicio de sesión se empezó en otro navegador",
  "otherBrowser.text":
    "Por su seguridad, solo puede terminarlo el navegador en el que empezó. Si alguien le ha enviado este enlace, no lo use: vuelva a la página del servicio y empiece de nuevo.",
  "refused.title": "No se puede continuar este inicio de sesión",
  "refused.origin": "La petición no procede de Llave.",
  "refused.missing": "El inicio de sesión no existe o ha caducado.",
  "refused.otherBrowser": "El inicio de sesión se empezó en otro navegador.",
  "refused.done": "Este inicio de sesión ya se completó.",
  "refused.again": "Vuelva a la página del servicio y empiece de nuevo.",
  "authorize.title": "No se puede iniciar sesión",
  "authorize.text":
    "El servicio que le ha enviado aquí ha hecho una petición no válida. Vuelva a la página del servicio e inténtelo de nuevo.",
  "own.cancelled.title": "Ha cancelado el acceso",
  "own.cancelled.text":
    "No ha entrado en su área de Llave. Puede identificarse de nuevo cuando quiera.",
  "own.again": "Identificarse de nuevo",
  "own.refused.title": "No puede entrar con este acceso",
  "own.refused.text":
    "Esta página de Llave necesita un acceso de nivel sustancial (contraseña y código por SMS, o PIN en la app).",
  "logout.refused.title": "No se puede cerrar la sesión",
  "logout.confirm.title": "¿Cerrar la sesión de Llave?",
  "logout.confirm.text": "Se cerrará su sesión en Llave y en los servicios que la usan.",
  "logout.confirm.action": "Cerrar sesión",
  "logout.done.title": "Ha cerrado la sesión",
  "logout.done.text": "Puede cerrar esta ventana.",
  "error.detail": "Detalle técnico",
  "sms.pin": "Llave: su PIN es {pin}. Válido hasta las {time}. No lo comparta con nadie.",
  "sms.otp":
    "Llave: su código de verificación es {code}. Válido hasta las {time}. No lo comparta con nadie.",
  "sms.activation":
    "Llave: su código de activación de la contraseña es {code}. Válido hasta el {date}.",
  "sms.device":
    "Llave: su código para activar la app Llave es {code}. Válido hasta las {time}. No lo comparta con nadie; nadie de la Administración se lo pedirá.",
  "notice.notYou": "Si no ha sido usted, contacte con una oficina de registro.",
  "notice.device": "Llave: se ha activado la app Llave en «{name}».",
  "notice.deviceReplaced": "La app queda desactivada en su dispositivo anterior.",
  "notice.deviceWait":
    "Hasta el {until} solo servirá para accesos de nivel bajo. Si no ha sido usted, anúlela aquí: {url}",
  "notice.password.activated": "Llave: se ha activado su contraseña permanente.",
  "notice.password.changed": "Llave: se ha cambiado su contraseña permanente.",
  "notice.password.blocked":
    "Llave: su contraseña se ha pausado tras varios intentos fallidos. Podrá volver a usarla desde el {until}; entrar con la app Llave, o una oficina de registro, la desbloquea antes.",
  "notice.password.cancelled": "Llave: se ha cancelado su contraseña permanente.",
  "notice.password.code_issued":
    "Llave: se ha emitido un nuevo código de activación para su contraseña.",
  "notice.pinLocked":
    "Llave: el acceso con PIN, contraseña y códigos se ha bloqueado tras demasiados intentos fallidos, hasta el {until}. Entrar con la app Llave lo desbloquea antes, y también una oficina de registro.",
};

/** Italian texts of the worker's pages and messages (source: ./es.ts). */
import type { ServerCatalog } from "./server-i18n.ts";

export const it: ServerCatalog = {
  "brand.tagline": "Servizio di identificazione delle pubbliche amministrazioni",
  "brand.host": "Pagina di Llave su {host}",
  "page.language": "Lingua",
  "back.service": "Torna a {agency}",
  "back.start": "Vai alla tua area Llave",
  "notFound.title": "Non troviamo questa pagina",
  "notFound.text":
    "L’indirizzo non corrisponde a nessuna pagina di Llave. Controlla che sia scritto bene.",
  "server.title": "Qualcosa non ha funzionato in Llave",
  "server.text": "Non è colpa tua. Riprova tra qualche minuto.",
  "loginGone.title": "Questo accesso non è più valido",
  "loginGone.text":
    "È già stato completato, è scaduto o non esiste. Torna alla pagina del servizio e ricomincia.",
  "otherBrowser.title": "Questo accesso è stato iniziato in un altro browser",
  "otherBrowser.text":
    "Per la tua sicurezza, solo il browser in cui è iniziato può completarlo. Se qualcuno ti ha inviato questo link, non usarlo: torna alla pagina del servizio e ricomincia.",
  "refused.title": "Impossibile continuare questo accesso",
  "refused.origin": "La richiesta non proviene da Llave.",
  "refused.missing": "L’accesso non esiste o è scaduto.",
  "refused.otherBrowser": "L’accesso è stato avviato in un altro browser.",
  "refused.done": "Questo accesso è già stato completato.",
  "refused.again": "Torna alla pagina del servizio e ricomincia.",
  "authorize.title": "Impossibile accedere",
  "authorize.text":
    "Il servizio che ti ha inviato qui ha fatto una richiesta non valida. Torna alla pagina del servizio e riprova.",
  "own.cancelled.title": "Hai annullato l’accesso",
  "own.cancelled.text":
    "Non sei entrato nella tua area Llave. Puoi identificarti di nuovo quando vuoi.",
  "own.again": "Identificati di nuovo",
  "own.refused.title": "Non puoi entrare con questo accesso",
  "own.refused.text":
    "Questa pagina di Llave richiede un accesso di livello significativo (password e codice via SMS, oppure PIN nell’app).",
  "logout.refused.title": "Impossibile chiudere la sessione",
  "logout.confirm.title": "Chiudere la sessione di Llave?",
  "logout.confirm.text": "La tua sessione verrà chiusa in Llave e nei servizi che la usano.",
  "logout.confirm.action": "Chiudi la sessione",
  "logout.done.title": "Hai chiuso la sessione",
  "logout.done.text": "Puoi chiudere questa finestra.",
  "error.detail": "Dettaglio tecnico",
  "sms.pin": "Llave: il tuo PIN è {pin}. Valido fino alle {time}. Non condividerlo con nessuno.",
  "sms.otp":
    "Llave: il tuo codice di verifica è {code}. Valido fino alle {time}. Non condividerlo con nessuno.",
  "sms.activation":
    "Llave: il tuo codice di attivazione della password è {code}. Valido fino al {date}.",
  "sms.device":
    "Llave: il tuo codice per attivare l’app Llave è {code}. Valido fino alle {time}. Non condividerlo con nessuno; nessuno dell’Amministrazione te lo chiederà.",
  "notice.notYou": "Se non sei stato tu, contatta un ufficio di registrazione.",
  "notice.device": "Llave: l’app Llave è stata attivata su «{name}».",
  "notice.deviceReplaced": "L’app è disattivata sul tuo dispositivo precedente.",
  "notice.deviceWait":
    "Fino al {until} servirà solo per accessi di livello basso. Se non sei stato tu, annullala qui: {url}",
  "notice.password.activated": "Llave: la tua password permanente è stata attivata.",
  "notice.password.changed": "Llave: la tua password permanente è stata cambiata.",
  "notice.password.blocked":
    "Llave: la tua password è stata sospesa dopo vari tentativi falliti. Potrai usarla di nuovo dal {until}; accedere con l’app Llave, o un ufficio di registrazione, la sblocca prima.",
  "notice.password.cancelled": "Llave: la tua password permanente è stata annullata.",
  "notice.password.code_issued":
    "Llave: è stato emesso un nuovo codice di attivazione per la tua password.",
  "notice.pinLocked":
    "Llave: l’accesso con PIN, password e codici è stato bloccato dopo troppi tentativi falliti, fino al {until}. Accedere con l’app Llave lo sblocca prima, come anche un ufficio di registrazione.",
};

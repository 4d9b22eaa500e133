/** Romanian texts of the worker's pages and messages (source: ./es.ts). */
import type { ServerCatalog } from "./server-i18n.ts";

export const ro: ServerCatalog = {
  "brand.tagline": "Serviciul de identificare al administrațiilor publice",
  "brand.host": "Pagina Llave pe {host}",
  "page.language": "Limba",
  "back.service": "Înapoi la {agency}",
  "back.start": "Mergeți la zona dvs. Llave",
  "notFound.title": "Nu găsim această pagină",
  "notFound.text": "Adresa nu corespunde niciunei pagini Llave. Verificați că este scrisă corect.",
  "server.title": "Ceva nu a funcționat în Llave",
  "server.text": "Nu este vina dvs. Încercați din nou peste câteva minute.",
  "loginGone.title": "Această autentificare nu mai este valabilă",
  "loginGone.text":
    "A fost finalizată, a expirat sau nu există. Reveniți la pagina serviciului și începeți din nou.",
  "otherBrowser.title": "Această autentificare a fost începută în alt browser",
  "otherBrowser.text":
    "Pentru siguranța dvs., doar browserul în care a început o poate finaliza. Dacă cineva v-a trimis acest link, nu îl folosiți: reveniți la pagina serviciului și începeți din nou.",
  "refused.title": "Această autentificare nu poate continua",
  "refused.origin": "Cererea nu provine de la Llave.",
  "refused.missing": "Autentificarea nu există sau a expirat.",
  "refused.otherBrowser": "Autentificarea a fost începută în alt browser.",
  "refused.done": "Această autentificare a fost deja finalizată.",
  "refused.again": "Reveniți la pagina serviciului și începeți din nou.",
  "authorize.title": "Nu vă puteți autentifica",
  "authorize.text":
    "Serviciul care v-a trimis aici a făcut o cerere nevalidă. Reveniți la pagina serviciului și încercați din nou.",
  "own.cancelled.title": "Ați anulat autentificarea",
  "own.cancelled.text":
    "Nu ați intrat în zona dvs. Llave. Vă puteți identifica din nou oricând doriți.",
  "own.again": "Identificați-vă din nou",
  "own.refused.title": "Nu puteți intra cu această autentificare",
  "own.refused.text":
    "Această pagină Llave necesită o autentificare de nivel substanțial (parolă și cod prin SMS, sau PIN în aplicație).",
  "logout.refused.title": "Nu se poate închide sesiunea",
  "logout.confirm.title": "Închideți sesiunea Llave?",
  "logout.confirm.text": "Sesiunea dvs. va fi închisă în Llave și în serviciile care o folosesc.",
  "logout.confirm.action": "Închideți sesiunea",
  "logout.done.title": "Ați închis sesiunea",
  "logout.done.text": "Puteți închide această fereastră.",
  "error.detail": "Detaliu tehnic",
  "sms.pin": "Llave: PIN-ul dvs. este {pin}. Valabil până la {time}. Nu îl comunicați nimănui.",
  "sms.otp":
    "Llave: codul dvs. de verificare este {code}. Valabil până la {time}. Nu îl comunicați nimănui.",
  "sms.activation": "Llave: codul dvs. de activare a parolei este {code}. Valabil până la {date}.",
  "sms.device":
    "Llave: codul dvs. pentru activarea aplicației Llave este {code}. Valabil până la {time}. Nu îl comunicați nimănui; nimeni din administrație nu vi-l va cere.",
  "notice.notYou": "Dacă nu ați fost dvs., contactați un birou de înregistrare.",
  "notice.device": "Llave: aplicația Llave a fost activată pe „{name}”.",
  "notice.deviceReplaced": "Aplicația este dezactivată pe dispozitivul dvs. anterior.",
  "notice.deviceWait":
    "Până la {until} va servi doar pentru autentificări de nivel scăzut. Dacă nu ați fost dvs., anulați-o aici: {url}",
  "notice.password.activated": "Llave: parola dvs. permanentă a fost activată.",
  "notice.password.changed": "Llave: parola dvs. permanentă a fost schimbată.",
  "notice.password.blocked":
    "Llave: parola dvs. a fost suspendată după mai multe încercări eșuate. O puteți folosi din nou de la {until}; autentificarea cu aplicația Llave, sau un birou de înregistrare, o deblochează mai devreme.",
  "notice.password.cancelled": "Llave: parola dvs. permanentă a fost anulată.",
  "notice.password.code_issued": "Llave: a fost emis un nou cod de activare pentru parola dvs.",
  "notice.pinLocked":
    "Llave: autentificarea cu PIN, parolă și coduri a fost blocată după prea multe încercări eșuate, până la {until}. Autentificarea cu aplicația Llave o deblochează mai devreme, la fel și un birou de înregistrare.",
};

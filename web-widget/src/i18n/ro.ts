/** Romanian. */
import type { Catalog } from "./catalog.ts";

export const ro: Catalog = {
  "page.title": "Autentificare cu Llave",
  "page.noscript": "Pentru a vă identifica cu Llave, activați JavaScript în browser.",
  "header.asks": "{agency} vă solicită să vă identificați",
  "header.level": "Nivel de asigurare solicitat: {level}",
  "level.low": "scăzut",
  "level.substantial": "substanțial",
  "level.high": "ridicat",
  "releases.title": "Dacă continuați, serviciul va primi:",
  "release.sub": "un identificator folosit numai de acest serviciu",
  "release.profile": "prenumele, numele de familie și data nașterii dumneavoastră",
  "release.email": "adresa dumneavoastră de e-mail",
  "release.phone": "numărul dumneavoastră de telefon mobil",
  "release.document": "tipul și numărul documentului dumneavoastră",
  "release.offline_access": "acces și atunci când nu aveți o sesiune activă",
  "methods.title": "Cum doriți să vă identificați?",
  "method.pin": "PIN de unică folosință",
  "method.pin.description": "Veți primi un PIN în aplicația Llave sau prin SMS.",
  "method.password": "Parolă",
  "method.password.description":
    "Cu numărul documentului și parola dumneavoastră; unele servicii cer și un cod prin SMS.",
  "method.mobile": "Aplicația Llave",
  "method.mobile.description":
    "Confirmați autentificarea în aplicația Llave de pe telefon, scanând un cod QR sau printr-o cerere.",
  "pin.identify.title": "Identificați-vă cu un PIN",
  "document.label": "Numărul DNI sau NIE",
  "document.hint": "De exemplu, 12345678Z (DNI) sau X1234567L (NIE).",
  "document.detected": "Document recunoscut: {type}",
  "document.type.DNI": "DNI",
  "document.type.NIE": "NIE",
  "document.type.CF": "codice fiscale",
  "contrast.dni_validity": "Data de valabilitate a DNI-ului",
  "contrast.dni_validity.hint": "Pe DNI apare ca „válido hasta” (valabil până la).",
  "contrast.dni_issue": "Data eliberării DNI-ului",
  "contrast.dni_issue.hint": "Un DNI permanent nu expiră: indicați data la care a fost eliberat.",
  "contrast.permanent": "DNI-ul meu este permanent",
  "contrast.nie_support": "Numărul de suport al NIE-ului",
  "contrast.nie_support.hint":
    "Se află pe card sau pe certificat: litera E sau C urmată de 8 cifre, de exemplu E12345678.",
  "contrast.cf_card_expiry": "Data de expirare a cardului de sănătate italian (tessera sanitaria)",
  "contrast.cf_card_expiry.hint": "Pe cardul de sănătate italian apare ca „scadenza”.",
  "personal.toggle": "Adăugați un cod personal la PIN",
  "personal.label": "Cod personal",
  "personal.hint":
    "4 litere sau cifre alese de dumneavoastră. Va trebui să îl introduceți împreună cu PIN-ul: astfel, PIN-ul singur nu este suficient.",
  "channel.app": "Vă vom trimite PIN-ul în aplicația Llave de pe telefonul mobil.",
  "action.getPin": "Obțineți PIN-ul",
  "pin.title": "Introduceți PIN-ul",
  "pin.sent.app": "Dacă datele sunt corecte, veți primi un PIN în aplicația Llave.",
  "pin.sent.sms": "Dacă datele sunt corecte, veți primi un PIN prin SMS.",
  "pin.label": "PIN",
  "pin.hint": "{length} cifre",
  "pin.expires": "PIN-ul expiră la ora {time}.",
  "pin.smsWait": "Nu îl primiți în aplicație? Îl veți putea solicita prin SMS peste {time}.",
  "pin.smsReady": "Nu îl primiți în aplicație? Îl puteți solicita prin SMS.",
  "pin.resendWait": "Veți putea solicita un alt PIN peste {time}.",
  "action.sendSms": "Trimiteți PIN-ul prin SMS",
  "action.resend": "Solicitați un alt PIN",
  "action.verify": "Autentificare",
  "action.back": "Schimbați documentul",
  "action.cancel": "Anulați și reveniți la serviciu",
  "action.continue": "Continuați",
  "status.sending": "Se trimite…",
  "status.verified": "Identitatea a fost verificată. Se revine la serviciu…",
  "status.sentAgain": "V-am trimis un PIN nou.",
  "expired.title": "Sesiunea de autentificare a expirat",
  "expired.text":
    "Din motive de securitate, o sesiune de autentificare durează {minutes} min. Reveniți la serviciu și începeți din nou.",
  "errors.title": "Verificați următoarele:",
  "error.required": "Această informație este obligatorie.",
  "error.login_other_browser":
    "Această autentificare a fost începută în alt browser sau acest browser și-a pierdut datele. Reveniți la pagina serviciului și începeți din nou.",
  "error.network":
    "Nu s-a putut stabili legătura cu Llave. Verificați conexiunea și încercați din nou.",
  "error.unknown": "A apărut o eroare. Încercați din nou peste câteva minute.",
  "error.document": "Numărul documentului nu este valid: {reason}",
  "error.document.empty": "introduceți numărul.",
  "error.document.format":
    "verificați formatul (8 cifre și o literă pentru DNI; X, Y sau Z, 7 cifre și o literă pentru NIE).",
  "error.document.control": "litera nu corespunde numărului.",
  "error.contrast": "Informația de verificare nu este validă: {reason}",
  "error.contrast.empty": "completați-o.",
  "error.contrast.date": "introduceți o dată validă.",
  "error.contrast.permanent": "un DNI permanent se identifică prin data eliberării.",
  "error.contrast.support": "litera E sau C urmată de 8 cifre.",
  "error.personal": "Codul personal are exact 4 litere sau cifre.",
  "error.pin.format": "PIN-ul are {length} cifre.",
  "error.invalid_pin": "PIN-ul nu este corect. Încercări rămase cu acest PIN: {tries}.",
  "error.invalid_pin.last": "PIN-ul nu este corect și nu mai poate fi folosit. Solicitați altul.",
  "error.pin_expired": "PIN-ul a expirat. Solicitați altul.",
  "error.pin_not_active": "Acest PIN nu mai este valabil. Solicitați altul.",
  "error.pin_backoff":
    "Prea multe încercări eșuate. Așteptați {time} înainte de a încerca din nou.",
  "error.pin_locked":
    "Accesul cu PIN este blocat din cauza prea multor încercări eșuate. Se deblochează singur la {when}; mai devreme, dacă intrați cu aplicația Llave sau cereți la un birou de înregistrare.",
  "error.resend_cooldown": "Așteptați {time} înainte de a solicita un alt PIN.",
  "error.sms_fallback_not_yet": "Veți putea solicita PIN-ul prin SMS peste {time}.",
  "error.too_many_pin_requests":
    "Ați solicitat prea multe PIN-uri în această sesiune de autentificare. Începeți din nou de pe pagina serviciului.",
  "error.channel_unavailable": "În acest moment, PIN-urile nu pot fi trimise pe această cale.",
  "password.title": "Identificați-vă cu parola",
  "password.label": "Parolă",
  "password.show": "Afișați parola",
  "password.activate": "Nu aveți încă parolă? Activați-o",
  "password.blockedNote":
    "Dacă parola dumneavoastră a intrat în pauză după încercări greșite, SMS-ul și e-mailul pe care vi le-am trimis spun de când o puteți folosi din nou. Între timp, puteți intra în alt mod.",
  "stepup.title": "Confirmați-vă identitatea cu un cod",
  "stepup.intro":
    "Acest serviciu necesită nivelul de asigurare {level}: pe lângă parolă, aveți nevoie de un cod de unică folosință trimis prin SMS.",
  "stepup.to": "Vă vom trimite codul pe telefonul mobil pe care l-ați înregistrat.",
  "stepup.sent": "V-am trimis un cod prin SMS.",
  "otp.title": "Introduceți codul",
  "otp.label": "Codul primit prin SMS",
  "otp.hint": "{length} cifre",
  "otp.mobile": "Telefon mobil:",
  "otp.expires": "Codul expiră la ora {time}.",
  "otp.resendWait": "Veți putea solicita un alt cod peste {time}.",
  "stepup.useApp": "Folosiți codul din aplicația Llave",
  "stepup.useSms": "Folosiți codul primit prin SMS",
  "appcode.intro":
    "Deschideți aplicația Llave pe telefon, deblocați-o și introduceți codul afișat. Se schimbă la fiecare 30 de secunde.",
  "appcode.label": "Codul din aplicația Llave",
  "activation.title": "Activați-vă parola",
  "activation.intro":
    "Aveți nevoie de codul de activare primit prin SMS sau prin scrisoare. Cu el vă veți alege parola.",
  "activation.code.label": "Cod de activare",
  "activation.code.hint": "16 litere și cifre, de exemplu ABCD-EFGH-JKMN-PQRS.",
  "activation.sent":
    "Dacă datele sunt corecte, veți primi un cod prin SMS pe telefonul mobil pe care l-ați înregistrat.",
  "choose.title": "Alegeți-vă parola",
  "choose.intro": "O veți folosi împreună cu numărul documentului pentru a vă identifica.",
  "change.title": "Alegeți o parolă nouă",
  "change.intro": "Parola dumneavoastră a expirat; alegeți una nouă pentru a continua.",
  "newPassword.label": "Parola nouă",
  "confirmPassword.label": "Repetați parola nouă",
  "rules.title": "Cerințele parolei:",
  "rules.allMet": "Parola îndeplinește cerințele verificate aici.",
  "rules.missing": "Cerințe încă neîndeplinite: {reason}.",
  "rule.length": "Cel puțin {length} caractere",
  "rule.maxLength": "Cel mult {length} caractere",
  "rule.common": "Să nu fie o parolă uzuală",
  "rule.repetitive":
    "Să nu fie același caracter repetat sau o secvență simplă (de exemplu 12345678 sau abcdefgh)",
  "rule.groups":
    "Dacă are mai puțin de 16 caractere, să combine cel puțin 3 dintre aceste tipuri: majuscule, minuscule, cifre și alte semne",
  "rule.contains_name": "Să nu conțină prenumele sau numele dumneavoastră de familie",
  "rule.contains_document": "Să nu conțină numărul documentului dumneavoastră",
  "rule.met": "îndeplinită",
  "rule.pending": "încă neîndeplinită",
  "rule.failed": "neîndeplinită",
  "password.reason.too_short": "are mai puțin de {length} caractere",
  "password.reason.too_long": "are mai mult de {length} caractere",
  "password.reason.common": "este prea uzuală",
  "password.reason.contains_name": "conține prenumele sau numele dumneavoastră de familie",
  "password.reason.contains_document":
    "conține numărul documentului dumneavoastră sau o parte din el",
  "password.reason.repetitive": "este același caracter repetat sau o secvență simplă",
  "password.reason.groups":
    "nu combină cel puțin 3 tipuri de caractere (majuscule, minuscule, cifre și alte semne)",
  "activated.title": "Parolă activată",
  "activated.text": "Parola dumneavoastră este acum activă și expiră pe {time}.",
  "action.sendCode": "Trimiteți codul prin SMS",
  "action.resendCode": "Solicitați un alt cod",
  "action.changeData": "Modificați datele",
  "action.savePassword": "Salvați parola",
  "action.backToPassword": "Reveniți la autentificarea cu parolă",
  "action.logInWithPassword": "Autentificați-vă cu parola",
  "status.codeSent": "V-am trimis un cod nou.",
  "error.weak_password": "Parola nu este validă: {reason}.",
  "error.password.mismatch": "Parolele nu coincid.",
  "error.otp.format": "Codul are {length} cifre.",
  "error.invalid_credentials":
    "Numărul documentului sau parola nu sunt corecte. După mai multe încercări greșite la rând, parola intră în pauză pentru o vreme, iar titularul este anunțat prin SMS și e-mail până când.",
  "error.password_locked":
    "Parola dumneavoastră este în pauză din cauza prea multor încercări eșuate. O veți putea folosi din nou la {when}; mai devreme, dacă intrați cu aplicația Llave sau cereți la un birou de înregistrare.",
  "error.login_backoff":
    "Prea multe încercări eșuate. Așteptați {time} înainte de a încerca din nou.",
  "error.login_blocked":
    "Accesul la contul dumneavoastră este blocat din cauza prea multor încercări eșuate. Se deblochează singur la {when}; mai devreme, dacă intrați cu aplicația Llave sau cereți la un birou de înregistrare.",
  "error.rate_limited":
    "Au sosit prea multe cereri de la conexiunea dumneavoastră. Așteptați {time} și încercați din nou.",
  "error.password_busy":
    "Llave primește multe cereri în acest moment. Așteptați {time} și încercați din nou.",
  "error.invalid_otp": "Codul nu este corect. Încercări rămase cu acest cod: {tries}.",
  "error.invalid_otp.last": "Codul nu este corect și nu mai poate fi folosit. Solicitați altul.",
  "error.otp_expired": "Codul a expirat. Solicitați altul.",
  "error.otp_not_active": "Acest cod nu mai este valabil. Solicitați altul.",
  "error.app_code.invalid":
    "Codul nu este corect. Introduceți codul pe care îl afișează acum aplicația.",
  "error.otp_used": "Acest cod a fost deja folosit. Așteptați ca aplicația să afișeze următorul.",
  "error.no_app_device":
    "Nu aveți aplicația Llave activată pe niciun dispozitiv. Folosiți codul primit prin SMS.",
  "error.activation_code_invalid":
    "Codul de activare nu mai este valabil: a fost folosit, a expirat sau a fost înlocuit cu altul. Veți avea nevoie de unul nou.",
  "error.invalid_activation_code":
    "Codul de activare are 16 litere și cifre (fără 0, O, 1, I sau L).",
  "account.title": "Contul dumneavoastră · Llave",
  "account.heading": "Contul dumneavoastră Llave",
  "account.who": "{name} · {document}",
  "account.password.title": "Parolă permanentă",
  "account.password.active": "Activă. Expiră la {date}.",
  "account.password.expired":
    "A expirat la {date}: va trebui să o schimbați la următoarea autentificare.",
  "account.password.blocked":
    "Blocată după mai multe încercări eșuate. Cereți un cod de activare nou pentru a o debloca.",
  "account.password.none": "Nu aveți o parolă permanentă. O puteți activa cu un cod de activare.",
  "account.change.title": "Schimbați parola",
  "account.change.current": "Parola actuală",
  "account.change.new": "Parola nouă",
  "account.change.submit": "Schimbați parola",
  "account.cancel.title": "Anulați parola",
  "account.cancel.text":
    "Nu vă veți mai putea autentifica cu parolă până nu o activați din nou cu un cod de activare.",
  "account.cancel.submit": "Anulați parola",
  "account.code.title": "Cod de activare",
  "account.code.live": "Aveți un cod de activare valabil până la {date}.",
  "account.code.text":
    "Vă vom trimite prin SMS un cod nou pentru a activa sau debloca parola. Orice cod anterior nu va mai fi valabil.",
  "account.code.submit": "Trimiteți-mi un cod nou",
  "account.done.changed": "Parola dumneavoastră a fost schimbată. Expiră la {date}.",
  "account.done.cancelled": "Parola dumneavoastră a fost anulată.",
  "account.done.code": "V-am trimis un cod de activare nou prin SMS.",
  "account.error.current": "Parola actuală nu este corectă. Încercări rămase: {tries}.",
  "account.error.mobile":
    "Nu aveți un telefon mobil înregistrat: cereți codul la un birou de înregistrare.",
  "mobile.title": "Identificați-vă cu aplicația Llave",
  "mobile.intro":
    "Aveți nevoie de aplicația Llave activată pe telefon. Puteți scana cu ea un cod QR pe care vi-l afișăm aici sau puteți indica documentul și primi o cerere în aplicație.",
  "mobile.choice.qr": "Scanați un cod QR cu aplicația",
  "mobile.choice.push": "Primiți o cerere în aplicație",
  "mobile.otherMethod": "Folosiți altă metodă",
  "mobile.back": "Folosiți aplicația în alt mod",
  "mobile.qr.title": "Scanați codul cu aplicația Llave",
  "mobile.qr.label": "Cod QR de scanat cu aplicația Llave",
  "mobile.qr.instruction":
    "Deschideți aplicația Llave și scanați acest cod. Codul se schimbă în fiecare secundă: este normal.",
  "mobile.qr.paused": "Codul va fi afișat din nou imediat ce se restabilește conexiunea.",
  "mobile.qr.number": "Alegeți acest număr în aplicație",
  "mobile.qr.copyTitle": "Folosiți aplicația Llave pe acest calculator?",
  "mobile.qr.copyHint": "Copiați codul și lipiți-l în aplicație: este valabil câteva secunde.",
  "mobile.qr.copy": "Copiați codul",
  "mobile.qr.copied": "Cod copiat. Lipiți-l în aplicație.",
  "mobile.push.title": "Primiți o cerere în aplicația Llave",
  "mobile.push.note":
    "Dacă datele sunt corecte și aplicația Llave este activată, veți primi o cerere pentru a confirma autentificarea.",
  "mobile.push.waitingTitle": "Confirmați autentificarea în aplicația Llave",
  "mobile.push.sent":
    "Dacă datele sunt corecte și aplicația este activată, acolo vă așteaptă o cerere.",
  "mobile.push.number": "Deschideți aplicația Llave și alegeți acest număr",
  "mobile.loading": "Se verifică starea autentificării…",
  "mobile.scanned": "Confirmați în aplicație: alegeți numărul",
  "mobile.agency":
    "Aplicația vă va afișa „{agency}”: verificați că este serviciul pe care doriți să îl accesați.",
  "mobile.timeLeft": "Timp rămas: {time}",
  "mobile.timeLeftSoon":
    "A rămas mai puțin de un minut pentru a confirma autentificarea în aplicație.",
  "mobile.reconnecting": "Conexiunea cu Llave s-a întrerupt. Se încearcă din nou…",
  "mobile.expired.qr": "Codul QR a expirat",
  "mobile.expired.push": "Cererea a expirat",
  "mobile.expired.text":
    "Din motive de securitate, autentificarea trebuie confirmată în aplicație în {time}.",
  "mobile.ended.declined": "Ați refuzat autentificarea în aplicație",
  "mobile.ended.declined.text":
    "Această autentificare s-a încheiat. Dacă doriți să vă autentificați, reveniți la serviciu și începeți din nou.",
  "mobile.ended.not_me": "Autentificare anulată din aplicație",
  "mobile.ended.not_me.text":
    "În aplicație s-a indicat că titularul nu a inițiat această autentificare, așa că am anulat-o. Dacă ați fost dumneavoastră, reveniți la serviciu și începeți din nou.",
  "mobile.ended.wrong_number": "A fost ales un număr greșit",
  "mobile.ended.wrong_number.text":
    "Din motive de securitate, această autentificare s-a încheiat și nu mai poate fi reîncercată. Reveniți la serviciu și începeți din nou.",
  "action.sendPush": "Trimiteți cererea către aplicație",
  "action.newQr": "Generați alt cod",
  "action.newPush": "Trimiteți altă cerere",
  "action.backToService": "Reveniți la serviciu",
  "error.push_paused":
    "Din motive de securitate, cererile către aplicație sunt suspendate. Veți putea trimite alta peste {time}; între timp, puteți scana un cod QR.",
  "error.push_limit":
    "Au fost trimise prea multe cereri către aplicație. Veți putea trimite alta peste {time}.",
  "language.label": "Limbă",
  "footer.text": "Llave · Identitate electronică pentru administrațiile publice",
  "frame.title": "Identificare cu Llave",
  // issue 15: login screens
  "level.means.low": "Acest serviciu acceptă orice mod de identificare cu Llave.",
  "level.means.substantial":
    "Acest serviciu cere o identificare consolidată: parolă și cod, aplicația Llave sau certificat.",
  "level.means.high":
    "Acest serviciu cere cea mai sigură identificare: un certificat electronic calificat sau cartea de identitate electronică.",
  "level.basicCannot":
    "Dacă v-ați înregistrat în Llave cu scrisoarea de invitație sau printr-un apel video neverificat (înregistrare de bază), nu veți putea intra în acest serviciu cu nicio metodă. Pentru aceasta, ridicați înregistrarea la nivelul avansat la un birou de înregistrare sau cu certificatul dumneavoastră electronic.",
  "channel.legend": "Unde doriți să primiți PIN-ul?",
  "channel.choice.app": "În aplicația Llave de pe telefon",
  "channel.choice.sms": "Prin SMS, dacă nu aveți aplicația",
  "channel.smsTooWeak":
    "Un PIN prin SMS nu este suficient pentru acest serviciu: primiți PIN-ul în aplicația Llave sau alegeți altă metodă.",
  "pin.notArriving":
    "Dacă nu ajunge în {time}, verificați datele sau încercați din nou mai târziu: din motive de securitate trimitem doar câteva PIN-uri pe oră.",
  "pin.levelHint":
    "Cu o înregistrare de bază nu veți primi niciun PIN: nu atinge nivelul cerut de acest serviciu.",
  "pin.expired": "PIN-ul a expirat. Cereți altul.",
  "pin.noMore":
    "Ați cerut deja toate PIN-urile permise pentru această autentificare. Reveniți la serviciu și începeți din nou.",
  "action.otherMethod": "Alegeți altă metodă",
  "error.otp_send_limit":
    "Nu v-am trimis codul: s-au cerut prea multe în ultima oră. Veți putea cere altul la ora {time} sau folosi codul din aplicația Llave.",
};

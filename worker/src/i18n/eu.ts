/** Basque texts of the worker's pages and messages (source: ./es.ts). */
import type { ServerCatalog } from "./server-i18n.ts";

export const eu: ServerCatalog = {
  "brand.tagline": "Administrazio publikoen identifikazio-zerbitzua",
  "brand.host": "Llaveren orria: {host}",
  "page.language": "Hizkuntza",
  "back.service": "Itzuli hona: {agency}",
  "back.start": "Joan zure Llave eremura",
  "notFound.title": "Ez dugu orri hau aurkitu",
  "notFound.text": "Helbidea ez dagokio Llaveren inolako orriri. Egiaztatu ondo idatzita dagoela.",
  "server.title": "Zerbaitek huts egin du Llaven",
  "server.text": "Ez da zure errua. Saiatu berriro minutu batzuk barru.",
  "loginGone.title": "Saio-hasiera hau ez da baliozkoa jada",
  "loginGone.text":
    "Osatu da, iraungi da edo ez dago. Itzuli zerbitzuaren orrira eta hasi berriro.",
  "otherBrowser.title": "Saio-hasiera hau beste nabigatzaile batean hasi zen",
  "otherBrowser.text":
    "Zure segurtasunerako, hasi zen nabigatzaileak bakarrik amai dezake. Norbaitek esteka hau bidali badizu, ez erabili: itzuli zerbitzuaren orrira eta hasi berriro.",
  "refused.title": "Ezin da saio-hasiera honekin jarraitu",
  "refused.origin": "Eskaera ez dator Llavetik.",
  "refused.missing": "Saio-hasiera ez dago edo iraungi da.",
  "refused.otherBrowser": "Saio-hasiera beste nabigatzaile batean hasi zen.",
  "refused.done": "Saio-hasiera hau osatu da jada.",
  "refused.again": "Itzuli zerbitzuaren orrira eta hasi berriro.",
  "authorize.title": "Ezin da saioa hasi",
  "authorize.text":
    "Hona bidali zaituen zerbitzuak eskaera baliogabea egin du. Itzuli zerbitzuaren orrira eta saiatu berriro.",
  "own.cancelled.title": "Sarbidea bertan behera utzi duzu",
  "own.cancelled.text":
    "Ez zara zure Llave eremuan sartu. Nahi duzunean identifika zaitezke berriro.",
  "own.again": "Identifikatu berriro",
  "own.refused.title": "Ezin zara sartu sarbide honekin",
  "own.refused.text":
    "Llaveren orri honek maila nabarmeneko sarbidea behar du (pasahitza eta SMS bidezko kodea, edo PINa aplikazioan).",
  "logout.refused.title": "Ezin da saioa itxi",
  "logout.confirm.title": "Llaveko saioa itxi?",
  "logout.confirm.text": "Llaveko saioa eta hura erabiltzen duten zerbitzuetakoa itxiko dira.",
  "logout.confirm.action": "Itxi saioa",
  "logout.done.title": "Saioa itxi duzu",
  "logout.done.text": "Leiho hau itxi dezakezu.",
  "error.detail": "Xehetasun teknikoa",
  "sms.pin":
    "Llave: zure PINa {pin} da. Baliozkoa ordu honetara arte: {time}. Ez partekatu inorekin.",
  "sms.otp":
    "Llave: zure egiaztapen-kodea {code} da. Baliozkoa ordu honetara arte: {time}. Ez partekatu inorekin.",
  "sms.activation":
    "Llave: zure pasahitza aktibatzeko kodea {code} da. Baliozkoa data honetara arte: {date}.",
  "sms.device":
    "Llave: Llave aplikazioa aktibatzeko zure kodea {code} da. Baliozkoa ordu honetara arte: {time}. Ez partekatu inorekin; Administrazioko inork ez dizu eskatuko.",
  "notice.notYou": "Zu izan ez bazara, jarri harremanetan erregistro-bulego batekin.",
  "notice.device": "Llave: Llave aplikazioa aktibatu da hemen: «{name}».",
  "notice.deviceReplaced": "Aplikazioa desaktibatuta geratzen da zure aurreko gailuan.",
  "notice.deviceWait":
    "Data honetara arte ({until}) maila baxuko sarbideetarako baino ez da balioko. Zu izan ez bazara, baliogabetu hemen: {url}",
  "notice.password.activated": "Llave: zure pasahitz iraunkorra aktibatu da.",
  "notice.password.changed": "Llave: zure pasahitz iraunkorra aldatu da.",
  "notice.password.blocked":
    "Llave: zure pasahitza pausatu egin da huts egindako hainbat saiakeraren ondoren. Berriro erabili ahal izango duzu data honetatik aurrera: {until}; Llave aplikazioarekin sartzeak, edo erregistro-bulego batek, lehenago desblokeatzen du.",
  "notice.password.cancelled": "Llave: zure pasahitz iraunkorra baliogabetu da.",
  "notice.password.code_issued": "Llave: aktibazio-kode berri bat eman da zure pasahitzerako.",
  "notice.pinLocked":
    "Llave: PIN, pasahitz eta kodeen bidezko sarbidea blokeatu da huts egindako saiakera gehiegiren ondoren, data honetara arte: {until}. Llave aplikazioarekin sartzeak lehenago desblokeatzen du, baita erregistro-bulego batek ere.",
};

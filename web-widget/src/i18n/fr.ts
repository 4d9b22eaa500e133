/** French. */
import type { Catalog } from "./catalog.ts";

export const fr: Catalog = {
  "page.title": "Connexion avec Llave",
  "page.noscript":
    "Pour vous identifier avec Llave, veuillez activer JavaScript dans votre navigateur.",
  "header.asks": "{agency} vous demande de vous identifier",
  "header.level": "Niveau de garantie requis : {level}",
  "level.low": "faible",
  "level.substantial": "substantiel",
  "level.high": "élevé",
  "releases.title": "Si vous continuez, le service recevra :",
  "release.sub": "un identifiant utilisé uniquement par ce service",
  "release.profile": "votre prénom, vos noms de famille et votre date de naissance",
  "release.email": "votre adresse électronique",
  "release.phone": "votre numéro de téléphone mobile",
  "release.document": "le type et le numéro de votre pièce d’identité",
  "release.offline_access": "un accès lorsque vous n’êtes pas connecté",
  "methods.title": "Comment souhaitez-vous vous identifier ?",
  "method.pin": "Code PIN à usage unique",
  "method.pin.description": "Vous recevrez un code PIN dans l’application Llave ou par SMS.",
  "method.password": "Mot de passe",
  "method.password.description":
    "Avec votre numéro de document et votre mot de passe ; certains services demandent aussi un code par SMS.",
  "method.mobile": "Application Llave",
  "method.mobile.description":
    "Confirmez la connexion dans l’application Llave de votre téléphone, en scannant un code QR ou par une demande.",
  "pin.identify.title": "Identifiez-vous avec un code PIN",
  "document.label": "Numéro de DNI ou de NIE",
  "document.hint": "Par exemple 12345678Z (DNI) ou X1234567L (NIE).",
  "document.detected": "Document reconnu : {type}",
  "document.type.DNI": "DNI",
  "document.type.NIE": "NIE",
  "document.type.CF": "codice fiscale",
  "contrast.dni_validity": "Date de validité du DNI",
  "contrast.dni_validity.hint":
    "Elle figure sur le DNI sous la mention « válido hasta » (valable jusqu’au).",
  "contrast.dni_issue": "Date de délivrance du DNI",
  "contrast.dni_issue.hint": "Un DNI permanent n’expire pas : indiquez sa date de délivrance.",
  "contrast.permanent": "Mon DNI est permanent",
  "contrast.nie_support": "Numéro de support du NIE",
  "contrast.nie_support.hint":
    "Il figure sur votre carte ou votre certificat : la lettre E ou C suivie de 8 chiffres, par exemple E12345678.",
  "contrast.cf_card_expiry": "Date d’expiration de la carte sanitaire italienne",
  "contrast.cf_card_expiry.hint":
    "Elle figure sur la carte sanitaire italienne sous la mention « scadenza ».",
  "personal.toggle": "Ajouter un code personnel au code PIN",
  "personal.label": "Code personnel",
  "personal.hint":
    "4 lettres ou chiffres de votre choix. Vous devrez le saisir avec le code PIN : ainsi, le code PIN seul ne suffit pas.",
  "channel.app": "Nous enverrons le code PIN à l’application Llave de votre téléphone.",
  "action.getPin": "Obtenir un code PIN",
  "pin.title": "Saisissez le code PIN",
  "pin.sent.app":
    "Si vos informations sont correctes, vous recevrez un code PIN dans l’application Llave.",
  "pin.sent.sms": "Si vos informations sont correctes, vous recevrez un code PIN par SMS.",
  "pin.label": "Code PIN",
  "pin.hint": "{length} chiffres",
  "pin.expires": "Le code PIN expire à {time}.",
  "pin.smsWait":
    "Vous ne l’avez pas reçu dans l’application ? Vous pourrez le demander par SMS dans {time}.",
  "pin.smsReady": "Vous ne l’avez pas reçu dans l’application ? Vous pouvez le demander par SMS.",
  "pin.resendWait": "Vous pourrez demander un autre code PIN dans {time}.",
  "action.sendSms": "Envoyer le code PIN par SMS",
  "action.resend": "Demander un autre code PIN",
  "action.verify": "Se connecter",
  "action.back": "Changer de document",
  "action.cancel": "Annuler et revenir au service",
  "action.continue": "Continuer",
  "status.sending": "Envoi en cours…",
  "status.verified": "Identité vérifiée. Retour au service…",
  "status.sentAgain": "Nous vous avons envoyé un nouveau code PIN.",
  "expired.title": "La connexion a expiré",
  "expired.text":
    "Pour votre sécurité, une connexion dure {minutes} minutes. Revenez au service et recommencez.",
  "errors.title": "Veuillez vérifier les points suivants :",
  "error.required": "Cette information est obligatoire.",
  "error.login_other_browser":
    "Cette connexion a été commencée dans un autre navigateur, ou ce navigateur a perdu ses données. Revenez sur la page du service et recommencez.",
  "error.network": "Impossible de joindre Llave. Vérifiez votre connexion et réessayez.",
  "error.unknown": "Une erreur s’est produite. Veuillez réessayer dans quelques minutes.",
  "error.document": "Le numéro de document n’est pas valide : {reason}",
  "error.document.empty": "saisissez le numéro.",
  "error.document.format":
    "vérifiez le format (8 chiffres et une lettre pour le DNI ; X, Y ou Z, 7 chiffres et une lettre pour le NIE).",
  "error.document.control": "la lettre ne correspond pas au numéro.",
  "error.contrast": "L’information de vérification n’est pas valide : {reason}",
  "error.contrast.empty": "veuillez la saisir.",
  "error.contrast.date": "saisissez une date valide.",
  "error.contrast.permanent": "un DNI permanent est identifié par sa date de délivrance.",
  "error.contrast.support": "la lettre E ou C suivie de 8 chiffres.",
  "error.personal": "Le code personnel comporte exactement 4 lettres ou chiffres.",
  "error.pin.format": "Le code PIN comporte {length} chiffres.",
  "error.invalid_pin":
    "Le code PIN est incorrect. Tentatives restantes avec ce code PIN : {tries}.",
  "error.invalid_pin.last":
    "Le code PIN est incorrect et ne peut plus être utilisé. Demandez-en un autre.",
  "error.pin_expired": "Le code PIN a expiré. Demandez-en un autre.",
  "error.pin_not_active": "Ce code PIN n’est plus valide. Demandez-en un autre.",
  "error.pin_backoff": "Trop de tentatives infructueuses. Attendez {time} avant de réessayer.",
  "error.pin_locked":
    "La connexion par code PIN est bloquée après trop de tentatives infructueuses. Elle se débloque d’elle-même le {when} ; plus tôt si vous vous connectez avec l’application Llave ou le demandez à un bureau d’enregistrement.",
  "error.resend_cooldown": "Attendez {time} avant de demander un autre code PIN.",
  "error.sms_fallback_not_yet": "Vous pourrez demander le code PIN par SMS dans {time}.",
  "error.too_many_pin_requests":
    "Vous avez demandé trop de codes PIN pour cette connexion. Recommencez depuis le service.",
  "error.channel_unavailable":
    "Les codes PIN ne peuvent pas être envoyés par ce moyen pour le moment.",
  "password.title": "Identifiez-vous avec votre mot de passe",
  "password.label": "Mot de passe",
  "password.show": "Afficher le mot de passe",
  "password.activate": "Vous n’avez pas encore de mot de passe ? Activez-le",
  "password.blockedNote":
    "Si votre mot de passe a été mis en pause après des tentatives erronées, le SMS et l’e-mail que nous vous avons envoyés indiquent quand vous pourrez l’utiliser de nouveau. En attendant, vous pouvez vous connecter autrement.",
  "stepup.title": "Confirmez votre identité avec un code",
  "stepup.intro":
    "Ce service exige un niveau de garantie {level} : en plus du mot de passe, il vous faut un code à usage unique envoyé par SMS.",
  "stepup.to": "Nous enverrons le code au téléphone mobile que vous avez enregistré.",
  "stepup.sent": "Nous vous avons envoyé un code par SMS.",
  "otp.title": "Saisissez le code",
  "otp.label": "Code reçu par SMS",
  "otp.hint": "{length} chiffres",
  "otp.mobile": "Mobile :",
  "otp.expires": "Le code expire à {time}.",
  "otp.resendWait": "Vous pourrez demander un autre code dans {time}.",
  "stepup.useApp": "Utiliser le code de l’application Llave",
  "stepup.useSms": "Utiliser le code reçu par SMS",
  "appcode.intro":
    "Ouvrez l’application Llave sur votre téléphone, déverrouillez-la et saisissez le code qu’elle affiche. Il change toutes les 30 secondes.",
  "appcode.label": "Code de l’application Llave",
  "activation.title": "Activez votre mot de passe",
  "activation.intro":
    "Vous avez besoin du code d’activation reçu par SMS ou par courrier. Il vous permettra de choisir votre mot de passe.",
  "activation.code.label": "Code d’activation",
  "activation.code.hint": "16 lettres et chiffres, par exemple ABCD-EFGH-JKMN-PQRS.",
  "activation.sent":
    "Si vos informations sont correctes, vous recevrez un code par SMS sur le téléphone mobile que vous avez enregistré.",
  "choose.title": "Choisissez votre mot de passe",
  "choose.intro": "Vous l’utiliserez avec votre numéro de document pour vous identifier.",
  "change.title": "Choisissez un nouveau mot de passe",
  "change.intro": "Votre mot de passe a expiré ; choisissez-en un nouveau pour continuer.",
  "newPassword.label": "Nouveau mot de passe",
  "confirmPassword.label": "Confirmez le nouveau mot de passe",
  "rules.title": "Exigences du mot de passe :",
  "rules.allMet": "Le mot de passe respecte les exigences vérifiées ici.",
  "rules.missing": "Exigences à remplir : {reason}.",
  "rule.length": "Au moins {length} caractères",
  "rule.maxLength": "Au plus {length} caractères",
  "rule.common": "Ne pas être un mot de passe courant",
  "rule.repetitive":
    "Ne pas être un même caractère répété ni une suite simple (comme 12345678 ou abcdefgh)",
  "rule.groups":
    "S’il compte moins de 16 caractères, combiner au moins 3 de ces types : majuscules, minuscules, chiffres et autres signes",
  "rule.contains_name": "Ne pas contenir votre prénom ni vos noms de famille",
  "rule.contains_document": "Ne pas contenir votre numéro de document",
  "rule.met": "respectée",
  "rule.pending": "à remplir",
  "rule.failed": "non respectée",
  "password.reason.too_short": "il compte moins de {length} caractères",
  "password.reason.too_long": "il compte plus de {length} caractères",
  "password.reason.common": "il est trop courant",
  "password.reason.contains_name": "il contient votre prénom ou vos noms de famille",
  "password.reason.contains_document":
    "il contient votre numéro de document ou une partie de celui-ci",
  "password.reason.repetitive": "c’est un même caractère répété ou une suite simple",
  "password.reason.groups":
    "il ne combine pas au moins 3 types de caractères (majuscules, minuscules, chiffres et autres signes)",
  "activated.title": "Mot de passe activé",
  "activated.text": "Votre mot de passe est désormais actif et expire le {time}.",
  "action.sendCode": "Envoyer le code par SMS",
  "action.resendCode": "Demander un autre code",
  "action.changeData": "Modifier les informations",
  "action.savePassword": "Enregistrer le mot de passe",
  "action.backToPassword": "Revenir à la connexion par mot de passe",
  "action.logInWithPassword": "Se connecter avec le mot de passe",
  "status.codeSent": "Nous vous avons envoyé un nouveau code.",
  "error.weak_password": "Le mot de passe n’est pas valide : {reason}.",
  "error.password.mismatch": "Les mots de passe ne correspondent pas.",
  "error.otp.format": "Le code comporte {length} chiffres.",
  "error.invalid_credentials":
    "Le numéro de document ou le mot de passe est incorrect. Après plusieurs tentatives erronées de suite, le mot de passe est mis en pause un moment, et son titulaire est prévenu par SMS et par e-mail de la date de fin.",
  "error.password_locked":
    "Votre mot de passe est en pause après trop de tentatives infructueuses. Vous pourrez l’utiliser de nouveau le {when} ; plus tôt si vous vous connectez avec l’application Llave ou le demandez à un bureau d’enregistrement.",
  "error.login_backoff": "Trop de tentatives infructueuses. Attendez {time} avant de réessayer.",
  "error.login_blocked":
    "L’accès à votre compte est bloqué après trop de tentatives infructueuses. Il se débloque de lui-même le {when} ; plus tôt si vous vous connectez avec l’application Llave ou le demandez à un bureau d’enregistrement.",
  "error.rate_limited":
    "Trop de demandes proviennent de votre connexion. Attendez {time} et réessayez.",
  "error.password_busy":
    "Llave reçoit de nombreuses demandes en ce moment. Attendez {time} et réessayez.",
  "error.invalid_otp": "Le code est incorrect. Tentatives restantes avec ce code : {tries}.",
  "error.invalid_otp.last":
    "Le code est incorrect et ne peut plus être utilisé. Demandez-en un autre.",
  "error.otp_expired": "Le code a expiré. Demandez-en un autre.",
  "error.otp_not_active": "Ce code n’est plus valide. Demandez-en un autre.",
  "error.app_code.invalid":
    "Le code n’est pas correct. Saisissez celui que l’application affiche en ce moment.",
  "error.otp_used": "Ce code a déjà été utilisé. Attendez que l’application affiche le suivant.",
  "error.no_app_device":
    "Vous n’avez activé l’application Llave sur aucun appareil. Utilisez le code reçu par SMS.",
  "error.activation_code_invalid":
    "Le code d’activation n’est plus valide : il a été utilisé, a expiré ou a été remplacé par un autre. Il vous en faudra un nouveau.",
  "error.invalid_activation_code":
    "Le code d’activation comporte 16 lettres et chiffres (sans 0, O, 1, I ni L).",
  "account.title": "Votre compte · Llave",
  "account.heading": "Votre compte Llave",
  "account.who": "{name} · {document}",
  "account.password.title": "Mot de passe permanent",
  "account.password.active": "Actif. Il expire le {date}.",
  "account.password.expired":
    "Il a expiré le {date} : vous devrez le changer lors de votre prochaine connexion.",
  "account.password.blocked":
    "Bloqué après plusieurs tentatives infructueuses. Demandez un nouveau code d'activation pour le débloquer.",
  "account.password.none":
    "Vous n'avez pas de mot de passe permanent. Vous pouvez l'activer avec un code d'activation.",
  "account.change.title": "Changer le mot de passe",
  "account.change.current": "Mot de passe actuel",
  "account.change.new": "Nouveau mot de passe",
  "account.change.submit": "Changer le mot de passe",
  "account.cancel.title": "Annuler le mot de passe",
  "account.cancel.text":
    "Vous ne pourrez plus vous connecter avec un mot de passe tant que vous ne l'aurez pas réactivé avec un code d'activation.",
  "account.cancel.submit": "Annuler le mot de passe",
  "account.code.title": "Code d'activation",
  "account.code.live": "Vous avez un code d'activation valable jusqu'au {date}.",
  "account.code.text":
    "Nous vous enverrons par SMS un nouveau code pour activer ou débloquer le mot de passe. Tout code précédent cessera d'être valable.",
  "account.code.submit": "M'envoyer un nouveau code",
  "account.done.changed": "Votre mot de passe a été changé. Il expire le {date}.",
  "account.done.cancelled": "Votre mot de passe a été annulé.",
  "account.done.code": "Nous vous avons envoyé un nouveau code d'activation par SMS.",
  "account.error.current":
    "Le mot de passe actuel n'est pas correct. Tentatives restantes : {tries}.",
  "account.error.mobile":
    "Vous n'avez pas de mobile enregistré : demandez le code dans un bureau d'enregistrement.",
  "mobile.title": "Identifiez-vous avec l’application Llave",
  "mobile.intro":
    "Vous avez besoin de l’application Llave activée sur votre téléphone. Vous pouvez scanner avec elle un code QR affiché ici, ou indiquer votre document et recevoir une demande dans l’application.",
  "mobile.choice.qr": "Scanner un code QR avec l’application",
  "mobile.choice.push": "Recevoir une demande dans l’application",
  "mobile.otherMethod": "M’identifier autrement",
  "mobile.back": "Utiliser l’application autrement",
  "mobile.qr.title": "Scannez le code avec l’application Llave",
  "mobile.qr.label": "Code QR à scanner avec l’application Llave",
  "mobile.qr.instruction":
    "Ouvrez l’application Llave et scannez ce code. Le code change chaque seconde : c’est normal.",
  "mobile.qr.paused": "Le code s’affichera de nouveau dès que la connexion sera rétablie.",
  "mobile.qr.number": "Choisissez ce numéro dans l’application",
  "mobile.qr.copyTitle": "Vous utilisez l’application Llave sur cet ordinateur ?",
  "mobile.qr.copyHint":
    "Copiez le code et collez-le dans l’application : il est valable quelques secondes.",
  "mobile.qr.copy": "Copier le code",
  "mobile.qr.copied": "Code copié. Collez-le dans l’application.",
  "mobile.push.title": "Recevez une demande dans l’application Llave",
  "mobile.push.note":
    "Si vos informations sont correctes et que l’application Llave est activée, vous recevrez une demande pour confirmer la connexion.",
  "mobile.push.waitingTitle": "Confirmez la connexion dans l’application Llave",
  "mobile.push.sent":
    "Si vos informations sont correctes et que l’application est activée, une demande vous y attend.",
  "mobile.push.number": "Ouvrez l’application Llave et choisissez ce numéro",
  "mobile.loading": "Vérification de l’état de la connexion…",
  "mobile.scanned": "Confirmez dans l’application : choisissez le numéro",
  "mobile.agency":
    "L’application affichera « {agency} » : vérifiez qu’il s’agit bien du service auquel vous voulez accéder.",
  "mobile.timeLeft": "Temps restant : {time}",
  "mobile.timeLeftSoon":
    "Il reste moins d’une minute pour confirmer la connexion dans l’application.",
  "mobile.reconnecting": "La connexion avec Llave a été perdue. Nouvelle tentative…",
  "mobile.expired.qr": "Le code QR a expiré",
  "mobile.expired.push": "La demande a expiré",
  "mobile.expired.text":
    "Pour votre sécurité, la connexion doit être confirmée dans l’application en {time}.",
  "mobile.ended.declined": "Vous avez refusé la connexion dans l’application",
  "mobile.ended.declined.text":
    "Cette connexion est terminée. Pour vous connecter, revenez au service et recommencez.",
  "mobile.ended.not_me": "Connexion annulée depuis l’application",
  "mobile.ended.not_me.text":
    "L’application a signalé que son titulaire n’avait pas lancé cette connexion ; nous l’avons donc annulée. Si c’était vous, revenez au service et recommencez.",
  "mobile.ended.wrong_number": "Un mauvais numéro a été choisi",
  "mobile.ended.wrong_number.text":
    "Pour votre sécurité, cette connexion est terminée et ne peut pas être retentée. Revenez au service et recommencez.",
  "action.sendPush": "Envoyer la demande à l’application",
  "action.newQr": "Générer un autre code",
  "action.newPush": "Envoyer une autre demande",
  "action.backToService": "Revenir au service",
  "error.push_paused":
    "Pour votre sécurité, les demandes vers l’application sont suspendues. Vous pourrez en envoyer une autre dans {time} ; en attendant, vous pouvez scanner un code QR.",
  "error.push_limit":
    "Trop de demandes ont été envoyées à l’application. Vous pourrez en envoyer une autre dans {time}.",
  "language.label": "Langue",
  "footer.text": "Llave · Identité électronique des administrations publiques",
  "frame.title": "Identification avec Llave",
  // issue 15: login screens
  "level.means.low": "Ce service accepte tout moyen de s'identifier avec Llave.",
  "level.means.substantial":
    "Ce service demande une identification renforcée : mot de passe et code, l'app Llave ou un certificat.",
  "level.means.high":
    "Ce service demande l'identification la plus sûre : un certificat électronique qualifié ou la carte d'identité électronique.",
  "level.basicCannot":
    "Si vous vous êtes inscrit à Llave avec la lettre d'invitation ou par un appel vidéo non vérifié (inscription de base), vous ne pourrez accéder à ce service par aucun moyen. Pour le faire, élevez votre inscription au niveau avancé dans un bureau d'inscription ou avec votre certificat électronique.",
  "channel.legend": "Où voulez-vous recevoir le PIN ?",
  "channel.choice.app": "Dans l'app Llave de votre téléphone",
  "channel.choice.sms": "Par SMS, si vous n'avez pas l'app",
  "channel.smsTooWeak":
    "Un PIN par SMS ne suffit pas pour ce service : recevez le PIN dans l'app Llave ou choisissez un autre moyen.",
  "pin.notArriving":
    "S'il n'arrive pas dans {time}, vérifiez vos données ou réessayez plus tard : par sécurité, nous n'envoyons que quelques PIN par heure.",
  "pin.levelHint":
    "Avec une inscription de base, vous ne recevrez aucun PIN : elle n'atteint pas le niveau demandé par ce service.",
  "pin.expired": "Le PIN a expiré. Demandez-en un autre.",
  "pin.noMore":
    "Vous avez demandé tous les PIN que permet cette connexion. Revenez au service et recommencez.",
  "action.otherMethod": "Choisir un autre moyen",
  "error.otp_send_limit":
    "Nous ne vous avons pas envoyé le code : trop de codes ont été demandés au cours de la dernière heure. Vous pourrez en demander un autre à {time}, ou utiliser le code de l'app Llave.",
};

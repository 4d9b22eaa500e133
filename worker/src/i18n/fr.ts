/** French texts of the worker's pages and messages (source: ./es.ts). */
import type { ServerCatalog } from "./server-i18n.ts";

export const fr: ServerCatalog = {
  "brand.tagline": "Service d’identification des administrations publiques",
  "brand.host": "Page de Llave sur {host}",
  "page.language": "Langue",
  "back.service": "Revenir à {agency}",
  "back.start": "Aller à votre espace Llave",
  "notFound.title": "Nous ne trouvons pas cette page",
  "notFound.text":
    "Cette adresse ne correspond à aucune page de Llave. Vérifiez qu’elle est bien écrite.",
  "server.title": "Un problème est survenu dans Llave",
  "server.text": "Ce n’est pas de votre faute. Réessayez dans quelques minutes.",
  "loginGone.title": "Cette connexion n’est plus valable",
  "loginGone.text":
    "Elle a été terminée, elle a expiré ou elle n’existe pas. Revenez à la page du service et recommencez.",
  "otherBrowser.title": "Cette connexion a été commencée dans un autre navigateur",
  "otherBrowser.text":
    "Pour votre sécurité, seul le navigateur où elle a commencé peut la terminer. Si quelqu’un vous a envoyé ce lien, ne l’utilisez pas : revenez sur la page du service et recommencez.",
  "refused.title": "Cette connexion ne peut pas continuer",
  "refused.origin": "La demande ne provient pas de Llave.",
  "refused.missing": "La connexion n’existe pas ou a expiré.",
  "refused.otherBrowser": "La connexion a été commencée dans un autre navigateur.",
  "refused.done": "Cette connexion a déjà été terminée.",
  "refused.again": "Revenez à la page du service et recommencez.",
  "authorize.title": "Impossible de se connecter",
  "authorize.text":
    "Le service qui vous a envoyé ici a fait une demande non valable. Revenez à la page du service et réessayez.",
  "own.cancelled.title": "Vous avez annulé la connexion",
  "own.cancelled.text":
    "Vous n’êtes pas entré dans votre espace Llave. Vous pouvez vous identifier de nouveau quand vous voulez.",
  "own.again": "S’identifier de nouveau",
  "own.refused.title": "Vous ne pouvez pas entrer avec cette connexion",
  "own.refused.text":
    "Cette page de Llave demande une connexion de niveau substantiel (mot de passe et code par SMS, ou PIN dans l’application).",
  "logout.refused.title": "Impossible de fermer la session",
  "logout.confirm.title": "Fermer la session Llave ?",
  "logout.confirm.text":
    "Votre session sera fermée dans Llave et dans les services qui l’utilisent.",
  "logout.confirm.action": "Fermer la session",
  "logout.done.title": "Vous avez fermé la session",
  "logout.done.text": "Vous pouvez fermer cette fenêtre.",
  "error.detail": "Détail technique",
  "sms.pin": "Llave : votre PIN est {pin}. Valable jusqu’à {time}. Ne le communiquez à personne.",
  "sms.otp":
    "Llave : votre code de vérification est {code}. Valable jusqu’à {time}. Ne le communiquez à personne.",
  "sms.activation":
    "Llave : votre code d’activation du mot de passe est {code}. Valable jusqu’au {date}.",
  "sms.device":
    "Llave : votre code pour activer l’application Llave est {code}. Valable jusqu’à {time}. Ne le communiquez à personne ; personne de l’Administration ne vous le demandera.",
  "notice.notYou": "Si ce n’était pas vous, contactez un bureau d’enregistrement.",
  "notice.device": "Llave : l’application Llave a été activée sur « {name} ».",
  "notice.deviceReplaced": "L’application est désactivée sur votre appareil précédent.",
  "notice.deviceWait":
    "Jusqu’au {until}, elle ne servira que pour les connexions de niveau faible. Si ce n’était pas vous, annulez-la ici : {url}",
  "notice.password.activated": "Llave : votre mot de passe permanent a été activé.",
  "notice.password.changed": "Llave : votre mot de passe permanent a été modifié.",
  "notice.password.blocked":
    "Llave : votre mot de passe a été mis en pause après plusieurs tentatives échouées. Vous pourrez l’utiliser de nouveau à partir du {until} ; une connexion avec l’application Llave, ou un bureau d’enregistrement, le débloque plus tôt.",
  "notice.password.cancelled": "Llave : votre mot de passe permanent a été annulé.",
  "notice.password.code_issued":
    "Llave : un nouveau code d’activation a été émis pour votre mot de passe.",
  "notice.pinLocked":
    "Llave : la connexion par PIN, mot de passe et codes a été bloquée après trop de tentatives échouées, jusqu’au {until}. Une connexion avec l’application Llave la débloque plus tôt, de même qu’un bureau d’enregistrement.",
};

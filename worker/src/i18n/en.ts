/** English texts of the worker's pages and messages (source: ./es.ts). */
import type { ServerCatalog } from "./server-i18n.ts";

export const en: ServerCatalog = {
  "brand.tagline": "The public administrations' identification service",
  "brand.host": "Llave page at {host}",
  "page.language": "Language",
  "back.service": "Back to {agency}",
  "back.start": "Go to your Llave area",
  "notFound.title": "We cannot find this page",
  "notFound.text": "The address is not a page of Llave. Check that it is spelled correctly.",
  "server.title": "Something went wrong in Llave",
  "server.text": "It is not your fault. Please try again in a few minutes.",
  "loginGone.title": "This login is no longer valid",
  "loginGone.text":
    "It was completed, it expired or it does not exist. Go back to the service's page and start again.",
  "otherBrowser.title": "This login was started in another browser",
  "otherBrowser.text":
    "For your security, only the browser it was started in can finish it. If someone sent you this link, do not use it: go back to the service and start again.",
  "refused.title": "This login cannot continue",
  "refused.origin": "The request does not come from Llave.",
  "refused.missing": "The login does not exist or has expired.",
  "refused.otherBrowser": "The login was started in another browser.",
  "refused.done": "This login has already been completed.",
  "refused.again": "Go back to the service's page and start again.",
  "authorize.title": "Cannot log in",
  "authorize.text":
    "The service that sent you here made an invalid request. Go back to the service's page and try again.",
  "own.cancelled.title": "You cancelled the login",
  "own.cancelled.text":
    "You have not entered your Llave area. You can log in again whenever you like.",
  "own.again": "Log in again",
  "own.refused.title": "You cannot enter with this login",
  "own.refused.text":
    "This Llave page needs a login at the substantial level (password and SMS code, or a PIN in the app).",
  "logout.refused.title": "Cannot log out",
  "logout.confirm.title": "Log out of Llave?",
  "logout.confirm.text": "Your session in Llave and in the services that use it will end.",
  "logout.confirm.action": "Log out",
  "logout.done.title": "You have logged out",
  "logout.done.text": "You can close this window.",
  "error.detail": "Technical detail",
  "sms.pin": "Llave: your PIN is {pin}. Valid until {time}. Do not share it with anyone.",
  "sms.otp":
    "Llave: your verification code is {code}. Valid until {time}. Do not share it with anyone.",
  "sms.activation": "Llave: your password activation code is {code}. Valid until {date}.",
  "sms.device":
    "Llave: your code to activate the Llave app is {code}. Valid until {time}. Do not share it with anyone; nobody from the administration will ask you for it.",
  "notice.notYou": "If it was not you, contact a registration office.",
  "notice.device": "Llave: the Llave app has been activated on “{name}”.",
  "notice.deviceReplaced": "The app is deactivated on your previous device.",
  "notice.deviceWait":
    "Until {until} it will only serve for low-level logins. If it was not you, cancel it here: {url}",
  "notice.password.activated": "Llave: your permanent password has been activated.",
  "notice.password.changed": "Llave: your permanent password has been changed.",
  "notice.password.blocked":
    "Llave: your password has been paused after several failed attempts. You can use it again from {until}; logging in with the Llave app, or a registration office, unblocks it sooner.",
  "notice.password.cancelled": "Llave: your permanent password has been cancelled.",
  "notice.password.code_issued": "Llave: a new activation code has been issued for your password.",
  "notice.pinLocked":
    "Llave: login with PIN, password and codes has been blocked after too many failed attempts, until {until}. Logging in with the Llave app unblocks it sooner, and so does a registration office.",
};

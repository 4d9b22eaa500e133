-- The citizen's language, remembered from their last completed login, for the SMS and e-mail
-- texts Llave sends them (worker/src/i18n/server-i18n.ts). Null until their first login.
ALTER TABLE `citizens` ADD `locale` text;

ALTER TABLE `devices` ADD `wait_ends_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `devices` SET `wait_ends_at` = `created_at` + 86400000;--> statement-breakpoint
ALTER TABLE `devices` ADD `cancel_digest` text;--> statement-breakpoint
CREATE UNIQUE INDEX `devices_cancel_digest_unique` ON `devices` (`cancel_digest`);

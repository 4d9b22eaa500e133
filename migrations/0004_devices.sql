CREATE TABLE `devices` (
	`id` text PRIMARY KEY NOT NULL,
	`citizen_id` text NOT NULL,
	`name` text NOT NULL,
	`thumbprint` text NOT NULL,
	`public_key` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`revoked_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `devices_thumbprint_unique` ON `devices` (`thumbprint`);--> statement-breakpoint
CREATE INDEX `devices_citizen` ON `devices` (`citizen_id`,`status`,`created_at`);
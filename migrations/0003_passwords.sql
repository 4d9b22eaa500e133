CREATE TABLE `activation_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`citizen_id` text NOT NULL,
	`digest` text NOT NULL,
	`delivery` text NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE INDEX `activation_codes_citizen` ON `activation_codes` (`citizen_id`,`issued_at`);--> statement-breakpoint
CREATE TABLE `passwords` (
	`citizen_id` text PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`set_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);

CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`event` text NOT NULL,
	`actor` text NOT NULL,
	`citizen_id` text,
	`login_id` text,
	`ip` text,
	`user_agent` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_citizen` ON `audit_log` (`citizen_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_login` ON `audit_log` (`login_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `citizens` (
	`id` text PRIMARY KEY NOT NULL,
	`document_type` text NOT NULL,
	`document_number` text NOT NULL,
	`contrast_kind` text NOT NULL,
	`contrast_value` text NOT NULL,
	`given_name` text NOT NULL,
	`family_name` text NOT NULL,
	`second_family_name` text,
	`birth_date` text NOT NULL,
	`mobile` text,
	`email` text,
	`registration_level` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `citizens_document` ON `citizens` (`document_type`,`document_number`);
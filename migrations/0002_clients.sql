CREATE TABLE `client_assertions` (
	`client_id` text NOT NULL,
	`jti` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`client_id`, `jti`)
);
--> statement-breakpoint
CREATE INDEX `client_assertions_expiry` ON `client_assertions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `clients` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`auth_method` text NOT NULL,
	`secret_hash` text,
	`previous_secret_hash` text,
	`previous_secret_expires_at` integer,
	`jwks` text,
	`jwks_uri` text,
	`redirect_uris` text NOT NULL,
	`post_logout_redirect_uris` text NOT NULL,
	`frame_origins` text NOT NULL,
	`allowed_methods` text NOT NULL,
	`min_acr` text NOT NULL,
	`subject_type` text NOT NULL,
	`sector_identifier` text NOT NULL,
	`scopes` text NOT NULL,
	`id_token_alg` text NOT NULL,
	`id_token_ttl` integer NOT NULL,
	`access_token_ttl` integer NOT NULL,
	`refresh_token_ttl` integer NOT NULL,
	`backchannel_logout_uri` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);

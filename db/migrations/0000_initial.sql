CREATE TABLE `advice` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agenda_item_id` integer NOT NULL,
	`petition_id` integer NOT NULL,
	`advice` text NOT NULL,
	`reasoning` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`petition_id`) REFERENCES `petitions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "advice_kind_known" CHECK("advice"."advice" IN ('support', 'not_support', 'defer'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `advice_agenda_item_unique` ON `advice` (`agenda_item_id`);--> statement-breakpoint
CREATE INDEX `advice_petition_idx` ON `advice` (`petition_id`);--> statement-breakpoint
CREATE TABLE `agenda_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`petition_id` integer NOT NULL,
	`position` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`petition_id`) REFERENCES `petitions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agenda_items_meeting_petition_unique` ON `agenda_items` (`meeting_id`,`petition_id`);--> statement-breakpoint
CREATE INDEX `agenda_items_meeting_position_idx` ON `agenda_items` (`meeting_id`,`position`);--> statement-breakpoint
CREATE INDEX `agenda_items_petition_idx` ON `agenda_items` (`petition_id`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`petition_id` integer NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`content` blob NOT NULL,
	`added_at` text NOT NULL,
	`added_by` text NOT NULL,
	FOREIGN KEY (`petition_id`) REFERENCES `petitions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "attachments_kind_known" CHECK("attachments"."kind" IN ('course_description', 'hbo_form', 'transcript', 'other')),
	CONSTRAINT "attachments_size_matches" CHECK("attachments"."size_bytes" = length("attachments"."content"))
);
--> statement-breakpoint
CREATE INDEX `attachments_petition_idx` ON `attachments` (`petition_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`ec` real NOT NULL,
	`level` text NOT NULL,
	`honours` integer DEFAULT false NOT NULL,
	`url` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "courses_ec_positive" CHECK("courses"."ec" > 0 AND "courses"."ec" <= 60),
	CONSTRAINT "courses_level_known" CHECK("courses"."level" IN ('100', '200', '300', '400', '500', '600', 'master', 'advanced', 'introductory')),
	CONSTRAINT "courses_code_present" CHECK(length(trim("courses"."code")) > 0),
	CONSTRAINT "courses_title_present" CHECK(length(trim("courses"."title")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `courses_institution_code_unique` ON `courses` (`institution_id`,`code`);--> statement-breakpoint
CREATE INDEX `courses_title_idx` ON `courses` (`title`);--> statement-breakpoint
CREATE TABLE `decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`series` text,
	`seq` integer,
	`kind` text NOT NULL,
	`outcome` text NOT NULL,
	`petition_id` integer,
	`course_id` integer NOT NULL,
	`meeting_id` integer,
	`credited_ec` integer NOT NULL,
	`level` text NOT NULL,
	`institution_name` text NOT NULL,
	`reasoning` text NOT NULL,
	`decided_on` text NOT NULL,
	`signatory` text NOT NULL,
	`replaces_id` integer,
	`letter_issued_at` text,
	`letter_sha256` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`petition_id`) REFERENCES `petitions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replaces_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "decisions_kind_known" CHECK("decisions"."kind" IN ('individual', 'general')),
	CONSTRAINT "decisions_outcome_known" CHECK("decisions"."outcome" IN ('approved', 'rejected')),
	CONSTRAINT "decisions_level_known" CHECK("decisions"."level" IN ('100', '200', '300', '400', '500', '600', 'master', 'advanced', 'introductory')),
	CONSTRAINT "decisions_individual_has_petition" CHECK("decisions"."kind" = 'general' OR "decisions"."petition_id" IS NOT NULL),
	CONSTRAINT "decisions_credited_ec_whole" CHECK("decisions"."credited_ec" >= 0),
	CONSTRAINT "decisions_decided_on_date" CHECK(date("decisions"."decided_on") IS "decisions"."decided_on"),
	CONSTRAINT "decisions_seq_positive" CHECK("decisions"."seq" IS NULL OR "decisions"."seq" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `decisions_number_unique` ON `decisions` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `decisions_series_seq_unique` ON `decisions` (`series`,`seq`);--> statement-breakpoint
CREATE INDEX `decisions_petition_idx` ON `decisions` (`petition_id`);--> statement-breakpoint
CREATE INDEX `decisions_course_idx` ON `decisions` (`course_id`);--> statement-breakpoint
CREATE INDEX `decisions_meeting_idx` ON `decisions` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `grade_registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`petition_id` integer NOT NULL,
	`decision_id` integer NOT NULL,
	`transcript_attachment_id` integer NOT NULL,
	`original_grade` text NOT NULL,
	`converted_grade` real,
	`result` text NOT NULL,
	`credited_ec` integer NOT NULL,
	`registered_on` text NOT NULL,
	`registered_by` text NOT NULL,
	`replaces_id` integer,
	`usis_exported_at` text,
	FOREIGN KEY (`petition_id`) REFERENCES `petitions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`transcript_attachment_id`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replaces_id`) REFERENCES `grade_registrations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "grade_registrations_result_known" CHECK("grade_registrations"."result" IN ('pass', 'fail')),
	CONSTRAINT "grade_registrations_converted_grade_half_point" CHECK("grade_registrations"."converted_grade" IS NULL OR ("grade_registrations"."converted_grade" BETWEEN 1 AND 10 AND "grade_registrations"."converted_grade" * 2 = CAST("grade_registrations"."converted_grade" * 2 AS INTEGER) AND "grade_registrations"."converted_grade" <> 5.5)),
	CONSTRAINT "grade_registrations_registered_on_date" CHECK(date("grade_registrations"."registered_on") IS "grade_registrations"."registered_on")
);
--> statement-breakpoint
CREATE INDEX `grade_registrations_petition_idx` ON `grade_registrations` (`petition_id`);--> statement-breakpoint
CREATE TABLE `institutions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`country` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "institutions_kind_known" CHECK("institutions"."kind" IN ('leiden', 'university', 'applied_sciences')),
	CONSTRAINT "institutions_name_present" CHECK(length(trim("institutions"."name")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `institutions_name_unique` ON `institutions` (`name`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body` text NOT NULL,
	`held_on` text NOT NULL,
	`cutoff_on` text,
	`location` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "meetings_body_known" CHECK("meetings"."body" IN ('mt_board', 'boex')),
	CONSTRAINT "meetings_status_known" CHECK("meetings"."status" IN ('planned', 'held', 'closed')),
	CONSTRAINT "meetings_held_on_date" CHECK(date("meetings"."held_on") IS "meetings"."held_on"),
	CONSTRAINT "meetings_cutoff_on_date" CHECK("meetings"."cutoff_on" IS NULL OR date("meetings"."cutoff_on") IS "meetings"."cutoff_on")
);
--> statement-breakpoint
CREATE INDEX `meetings_held_on_idx` ON `meetings` (`held_on`);--> statement-breakpoint
CREATE TABLE `petitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`student_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`course_start_date` text,
	`submitted_on` text NOT NULL,
	`motivation` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`finding_severity` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "petitions_finding_severity_known" CHECK("petitions"."finding_severity" IS NULL OR "petitions"."finding_severity" IN ('error', 'warning', 'info')),
	CONSTRAINT "petitions_status_known" CHECK("petitions"."status" IN ('draft', 'submitted', 'in_progress', 'rejected', 'approved', 'external_approved', 'withdrawn')),
	CONSTRAINT "petitions_submitted_on_date" CHECK(date("petitions"."submitted_on") IS "petitions"."submitted_on"),
	CONSTRAINT "petitions_course_start_date" CHECK("petitions"."course_start_date" IS NULL OR date("petitions"."course_start_date") IS "petitions"."course_start_date")
);
--> statement-breakpoint
CREATE INDEX `petitions_submitted_idx` ON `petitions` (`submitted_on`,`id`);--> statement-breakpoint
CREATE INDEX `petitions_finding_severity_idx` ON `petitions` (`finding_severity`);--> statement-breakpoint
CREATE INDEX `petitions_status_idx` ON `petitions` (`status`,`submitted_on`);--> statement-breakpoint
CREATE INDEX `petitions_student_idx` ON `petitions` (`student_id`);--> statement-breakpoint
CREATE INDEX `petitions_course_idx` ON `petitions` (`course_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `students` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`student_number` text NOT NULL,
	`given_name` text NOT NULL,
	`family_name` text NOT NULL,
	`email` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "students_student_number_form" CHECK("students"."student_number" GLOB 's[0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
	CONSTRAINT "students_names_present" CHECK(length(trim("students"."given_name")) > 0 AND length(trim("students"."family_name")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `students_student_number_unique` ON `students` (`student_number`);--> statement-breakpoint
CREATE INDEX `students_family_name_idx` ON `students` (`family_name`);
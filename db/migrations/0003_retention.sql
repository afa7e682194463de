-- Retention: a purged student keeps an anonymous row (number `purged-<id>`, date in purged_on), so
-- the decided petitions still count in the statistics. SQLite cannot change a CHECK in place, and
-- migrations run inside one transaction where PRAGMA foreign_keys cannot be switched off, so the
-- table is rebuilt under its own name with the foreign keys deferred: dropping `students` counts
-- the petitions left without their student, and putting the same rows back counts them off again
-- before the commit checks. The AUTOINCREMENT counter is carried over, so no id is ever reused.
PRAGMA defer_foreign_keys = ON;
--> statement-breakpoint
CREATE TABLE `__students_copy` AS SELECT * FROM `students`;
--> statement-breakpoint
CREATE TABLE `__students_sequence` AS SELECT `seq` FROM `sqlite_sequence` WHERE `name` = 'students';
--> statement-breakpoint
DROP TABLE `students`;
--> statement-breakpoint
CREATE TABLE `students` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`student_number` text NOT NULL,
	`given_name` text NOT NULL,
	`family_name` text NOT NULL,
	`email` text NOT NULL,
	`purged_on` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "students_student_number_form" CHECK(("students"."purged_on" IS NULL AND "students"."student_number" GLOB 's[0-9][0-9][0-9][0-9][0-9][0-9][0-9]') OR ("students"."purged_on" IS NOT NULL AND "students"."student_number" GLOB 'purged-[0-9]*')),
	CONSTRAINT "students_purged_on_date" CHECK("students"."purged_on" IS NULL OR date("students"."purged_on") IS "students"."purged_on"),
	CONSTRAINT "students_names_present" CHECK(length(trim("students"."given_name")) > 0 AND length(trim("students"."family_name")) > 0)
);
--> statement-breakpoint
INSERT INTO `students` (`id`, `student_number`, `given_name`, `family_name`, `email`, `purged_on`, `created_at`, `updated_at`)
  SELECT `id`, `student_number`, `given_name`, `family_name`, `email`, NULL, `created_at`, `updated_at` FROM `__students_copy`;
--> statement-breakpoint
UPDATE `sqlite_sequence` SET `seq` = max(`seq`, (SELECT `seq` FROM `__students_sequence`)) WHERE `name` = 'students' AND EXISTS (SELECT 1 FROM `__students_sequence`);
--> statement-breakpoint
INSERT INTO `sqlite_sequence` (`name`, `seq`) SELECT 'students', `seq` FROM `__students_sequence`
  WHERE NOT EXISTS (SELECT 1 FROM `sqlite_sequence` WHERE `name` = 'students');
--> statement-breakpoint
DROP TABLE `__students_copy`;
--> statement-breakpoint
DROP TABLE `__students_sequence`;
--> statement-breakpoint
CREATE UNIQUE INDEX `students_student_number_unique` ON `students` (`student_number`);
--> statement-breakpoint
CREATE INDEX `students_name_sort_idx` ON `students` ("family_name" COLLATE NOCASE,"given_name" COLLATE NOCASE);
--> statement-breakpoint
-- The search index's trigger on students went with the old table; the same trigger as in 0001.
CREATE TRIGGER `petition_search_student` AFTER UPDATE OF student_number, given_name, family_name ON students BEGIN
  DELETE FROM petition_search WHERE rowid IN (SELECT id FROM petitions WHERE student_id = NEW.id);
  INSERT INTO petition_search (rowid, body) SELECT id, body FROM petition_search_source WHERE id IN (SELECT id FROM petitions WHERE student_id = NEW.id);
END;

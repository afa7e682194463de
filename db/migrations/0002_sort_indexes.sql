DROP INDEX `courses_title_idx`;--> statement-breakpoint
CREATE INDEX `courses_title_sort_idx` ON `courses` ("title" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `courses_ec_idx` ON `courses` (`ec`);--> statement-breakpoint
DROP INDEX `students_family_name_idx`;--> statement-breakpoint
CREATE INDEX `students_name_sort_idx` ON `students` ("family_name" COLLATE NOCASE,"given_name" COLLATE NOCASE);--> statement-breakpoint
DROP INDEX `petitions_finding_severity_idx`;--> statement-breakpoint
CREATE INDEX `petitions_finding_severity_idx` ON `petitions` (`finding_severity`,`submitted_on`);--> statement-breakpoint
CREATE INDEX `institutions_name_sort_idx` ON `institutions` ("name" COLLATE NOCASE);
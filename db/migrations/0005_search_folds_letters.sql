-- Search folds the letters unicode61 cannot (shared/search.ts lists the same pairs): the search
-- document holds "Lukasz" for "Łukasz" and "Oyvind" for "Øyvind", and the register folds what the
-- user types the same way. The view is replaced and the index rebuilt from it; the triggers of
-- 0001 and 0003 read the view by name and need no change.
DROP VIEW `petition_search_source`;
--> statement-breakpoint
CREATE VIEW `petition_search_source` AS
SELECT p.id AS id,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(s.student_number || ' ' || s.given_name || ' ' || s.family_name || ' ' || c.code || ' ' || c.title || ' ' || i.name
    || coalesce(' ' || (SELECT group_concat(d.number, ' ') FROM decisions d WHERE d.petition_id = p.id), ''), 'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ð', 'd'), 'Ð', 'D'), 'ħ', 'h'), 'Ħ', 'H'), 'ı', 'i'), 'æ', 'ae'), 'Æ', 'Ae'), 'œ', 'oe'), 'Œ', 'Oe'), 'ß', 'ss'), 'þ', 'th'), 'Þ', 'Th') AS body
FROM petitions p
JOIN students s ON s.id = p.student_id
JOIN courses c ON c.id = p.course_id
JOIN institutions i ON i.id = c.institution_id;
--> statement-breakpoint
DELETE FROM petition_search;
--> statement-breakpoint
INSERT INTO petition_search (rowid, body) SELECT id, body FROM petition_search_source;

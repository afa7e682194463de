-- Full-text search over the register: one document per petition with the student's number and
-- names, the course's code and title, the institution and the decision numbers. Triggers keep it
-- in step with every table it reads, so no service can forget to; the body is defined once, in
-- the view below. unicode61 with remove_diacritics folds accents: "Zoe" finds "Zoë".
CREATE VIEW `petition_search_source` AS
SELECT p.id AS id,
  s.student_number || ' ' || s.given_name || ' ' || s.family_name || ' ' || c.code || ' ' || c.title || ' ' || i.name
    || coalesce(' ' || (SELECT group_concat(d.number, ' ') FROM decisions d WHERE d.petition_id = p.id), '') AS body
FROM petitions p
JOIN students s ON s.id = p.student_id
JOIN courses c ON c.id = p.course_id
JOIN institutions i ON i.id = c.institution_id;
--> statement-breakpoint
CREATE VIRTUAL TABLE `petition_search` USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO petition_search (rowid, body) SELECT id, body FROM petition_search_source;
--> statement-breakpoint
CREATE TRIGGER `petition_search_insert` AFTER INSERT ON petitions BEGIN
  INSERT INTO petition_search (rowid, body) SELECT id, body FROM petition_search_source WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `petition_search_update` AFTER UPDATE OF student_id, course_id ON petitions BEGIN
  DELETE FROM petition_search WHERE rowid = NEW.id;
  INSERT INTO petition_search (rowid, body) SELECT id, body FROM petition_search_source WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `petition_search_delete` AFTER DELETE ON petitions BEGIN
  DELETE FROM petition_search WHERE rowid = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `petition_search_student` AFTER UPDATE OF student_number, given_name, family_name ON students BEGIN
  DELETE FROM petition_search WHERE rowid IN (SELECT id FROM petitions WHERE student_id = NEW.id);
  INSERT INTO petition_search (rowid, body) SELECT id, body FROM petition_search_source WHERE id IN (SELECT id FROM petitions WHERE student_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `petition_search_course` AFTER UPDATE OF code, title, institution_id ON courses BEGIN
  DELETE FROM petition_search WHERE rowid IN (SELECT id FROM petitions WHERE course_id = NEW.id);
  INSERT INTO petition_search (rowid, body) SELECT id, body FROM petition_search_source WHERE id IN (SELECT id FROM petitions WHERE course_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `petition_search_institution` AFTER UPDATE OF name ON institutions BEGIN
  DELETE FROM petition_search WHERE rowid IN (SELECT p.id FROM petitions p JOIN courses c ON c.id = p.course_id WHERE c.institution_id = NEW.id);
  INSERT INTO petition_search (rowid, body) SELECT id, body FROM petition_search_source
    WHERE id IN (SELECT p.id FROM petitions p JOIN courses c ON c.id = p.course_id WHERE c.institution_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `petition_search_decision` AFTER INSERT ON decisions WHEN NEW.petition_id IS NOT NULL BEGIN
  DELETE FROM petition_search WHERE rowid = NEW.petition_id;
  INSERT INTO petition_search (rowid, body) SELECT id, body FROM petition_search_source WHERE id = NEW.petition_id;
END;

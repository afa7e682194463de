// `boex seed`: a register full of realistic synthetic petitions, for benchmarks and for trying the
// app. Deterministic (a seeded generator), so two runs with the same N give the same register.
// Rows go in through prepared statements in one transaction (a faculty's worth in seconds); the
// seed itself is one audit row, and every student's findings are computed by the rules module.
import { PETITION_STATUSES, type PetitionStatus } from '../../shared/domain';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { refreshFindings } from './findings';

const GIVEN = ['Zoë', 'Łukasz', 'Øyvind', 'Αλέξανδρος', 'Дмитрий', 'Anna', 'Daan', 'Sanne', 'Ayşe', 'José', 'Mei', 'Noah', 'Fatima', 'Sven', 'Chloé', 'Jörg', 'Inès', 'Bram', 'Emma', 'Lars'];
const FAMILY = ['Nguyễn', 'de Vries', 'Jansen', 'Kowalski', 'Øvrebø', 'Papadopoulos', 'Иванов', 'van den Berg', 'Yılmaz', 'García', 'Chen', 'Müller', 'Bakker', 'Dubois', 'Visser', 'Smit', 'Hernández', 'Mulder', 'de Jong', 'Peeters'];
const INSTITUTIONS: Array<[string, string, 'leiden' | 'university' | 'applied_sciences']> = [
  ['Leiden University', 'Netherlands', 'leiden'],
  ['Delft University of Technology', 'Netherlands', 'university'],
  ['University of Amsterdam', 'Netherlands', 'university'],
  ['Utrecht University', 'Netherlands', 'university'],
  ['Erasmus University Rotterdam', 'Netherlands', 'university'],
  ['KU Leuven', 'Belgium', 'university'],
  ['Aalto University', 'Finland', 'university'],
  ['Uniwersytet Jagielloński', 'Poland', 'university'],
  ['Royal Academy of Art, The Hague', 'Netherlands', 'applied_sciences'],
  ['Willem de Kooning Academy', 'Netherlands', 'applied_sciences'],
  ['Hogeschool voor de Kunsten Utrecht', 'Netherlands', 'applied_sciences'],
  ['Gerrit Rietveld Academie', 'Netherlands', 'applied_sciences'],
];
const TOPICS = ['Machine Learning', 'Sound Design', 'Interaction Design', 'Cognitive Psychology', 'Art History', 'Philosophy of Mind', 'Computational Creativity', 'Data Visualisation', 'Linguistics', 'Game Studies', 'Robotics', 'Media Archaeology', 'Generative Art', 'Perception', 'Ethics of AI'];
const QUALIFIERS = ['Foundations of', 'Advanced', 'Topics in', 'Seminar on', 'Studio:', 'Research in'];

/** A small, fast, seeded generator (mulberry32): the same seed gives the same register. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

export function seedRegister(ctx: ServiceContext, { petitions: count, seed = 1 }: { petitions: number; seed?: number }) {
  const random = generator(seed);
  const { sqlite } = ctx.register;
  const now = ctx.now().toISOString();
  const students = Math.max(1, Math.round(count / 3));
  const coursesPerInstitution = Math.max(2, Math.min(60, Math.round(count / 200)));

  const insertStudent = sqlite.prepare(
    `INSERT INTO students (student_number, given_name, family_name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (student_number) DO NOTHING RETURNING id`,
  );
  const insertInstitution = sqlite.prepare(
    `INSERT INTO institutions (name, country, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`,
  );
  const insertCourse = sqlite.prepare(
    `INSERT INTO courses (institution_id, code, title, ec, level, honours, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (institution_id, code) DO UPDATE SET code = excluded.code RETURNING id`,
  );
  const insertPetition = sqlite.prepare(
    `INSERT INTO petitions (student_id, course_id, course_start_date, submitted_on, motivation, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const run = ctx.register.db.transaction((tx) => {
    const studentIds: number[] = [];
    const firstNumber = 1_000_000 + random.int(0, 8_000_000);
    for (let i = 0; i < students; i++) {
      const given = random.pick(GIVEN);
      const family = random.pick(FAMILY);
      const number = `s${String(firstNumber + i).padStart(7, '0').slice(-7)}`;
      const email = `${number}@vuw.leidenuniv.nl`;
      const row = insertStudent.get(number, given, family, email, now, now) as { id: number } | undefined;
      if (row) studentIds.push(row.id);
    }
    const courseIds: number[] = [];
    for (const [name, country, kind] of INSTITUTIONS) {
      const { id: institutionId } = insertInstitution.get(name, country, kind, now, now) as { id: number };
      const prefix = name.replace(/[^A-Z]/g, '').slice(0, 3) || 'C';
      for (let c = 0; c < coursesPerInstitution; c++) {
        const level = kind === 'leiden' ? random.pick([100, 200, 300, 400, 400, 500, 500, 600]) : random.pick(['master', 'master', 'master', 'advanced', 'introductory']);
        const ec = random.pick([3, 4, 5, 5, 5, 6, 7.5, 10]);
        const title = `${random.pick(QUALIFIERS)} ${random.pick(TOPICS)}`;
        const honours = random.next() < 0.02 ? 1 : 0;
        const { id } = insertCourse.get(institutionId, `${prefix}${1000 + c}`, title, ec, String(level), honours, now, now) as { id: number };
        courseIds.push(id);
      }
    }
    const statusWeights: PetitionStatus[] = [...PETITION_STATUSES, 'submitted', 'in_progress', 'approved', 'external_approved', 'external_approved'];
    const thisYear = ctx.now().getUTCFullYear();
    for (let p = 0; p < count; p++) {
      const submitted = new Date(Date.UTC(thisYear - random.int(0, 5), random.int(0, 11), random.int(1, 28)));
      const start = random.next() < 0.08 ? null : new Date(submitted.getTime() + (random.int(-10, 120) * 86_400_000));
      insertPetition.run(
        random.pick(studentIds),
        random.pick(courseIds),
        start ? iso(start) : null,
        iso(submitted),
        'This course prepares my graduation project.',
        random.pick(statusWeights),
        now,
        now,
      );
    }
    for (const studentId of studentIds) refreshFindings(tx, studentId);
    writeAudit(tx, ctx, { action: 'seed', entity: 'register', entityId: null, before: null, after: { petitions: count, students: studentIds.length, seed } });
    return { students: studentIds.length, courses: courseIds.length };
  }, { behavior: 'immediate' });
  return { petitions: count, ...run };
}

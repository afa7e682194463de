// Courses the register already knows, for the petition form: choosing one fills its facts
// instead of retyping them.
import { z } from 'zod';
import { INSTITUTION_KINDS } from './rules';
import { levelValue } from './schemas';

export const courseSuggestion = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  ec: z.number(),
  level: levelValue,
  honours: z.boolean(),
  institution: z.string(),
  institutionKind: z.enum(INSTITUTION_KINDS),
  country: z.string(),
});
export type CourseSuggestion = z.output<typeof courseSuggestion>;

/** On an edit of a course other petitions use: correct it for all of them, or give this petition its own. */
export const COURSE_CHANGES = ['all', 'this'] as const;
export type CourseChange = (typeof COURSE_CHANGES)[number];

export const coursesApi = {
  /** Up to 20 courses whose code or title contains the query, regardless of case; codes that start with it first. */
  'courses.search': { input: z.object({ query: z.string().max(200).default('') }), output: z.array(courseSuggestion) },
} as const;

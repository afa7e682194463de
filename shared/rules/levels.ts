/**
 * Course levels. A Leiden-style institution numbers its courses 100–600; elsewhere the secretary
 * picks a category, because other level systems differ ("make sure the course is taught at
 * Master level").
 */

export const LEVELS = [100, 200, 300, 400, 500, 600, 'master', 'advanced', 'introductory'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_CATEGORIES = ['master', 'advanced', 'introductory'] as const;
export type LevelCategory = (typeof LEVEL_CATEGORIES)[number];

export function isLevel(value: unknown): value is Level {
  return (LEVELS as readonly unknown[]).includes(value);
}

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function levelError(value: unknown): RangeError {
  return new RangeError(`Level ${shown(value)} is not one of ${LEVELS.join(', ')}`);
}

/** Accepts what forms and imports hand over: 400, '400', 'master' (case and spacing forgiven). */
export function parseLevel(value: string | number): Level {
  const text = String(value).trim().toLowerCase();
  const level = LEVELS.find((candidate) => String(candidate) === text);
  if (level === undefined) throw levelError(value);
  return level;
}

export function levelCategory(level: Level): LevelCategory {
  // Values from database rows or IPC payloads may have bypassed the type system.
  if (!isLevel(level)) throw levelError(level);
  switch (level) {
    case 100:
    case 200:
    case 'introductory':
      return 'introductory';
    case 300:
    case 'advanced':
      return 'advanced';
    case 400:
    case 500:
    case 600:
    case 'master':
      return 'master';
  }
}

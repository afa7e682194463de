import { levelCategory, type Level } from './levels';

/** "Maximally 5 elective EC points can be obtained at advanced level" — introductory ones included. */
export const ADVANCED_CAP_EC = 5;
/** "Of these 5 EC points, maximally 3 EC can be obtained at introductory level". */
export const INTRODUCTORY_CAP_EC = 3;

/** Leiden does not accept half credits and always rounds down: 7.5 EC becomes 7 EC. */
export function creditedEc(ec: number): number {
  if (typeof ec !== 'number' || !Number.isFinite(ec) || ec <= 0) {
    throw new RangeError(`EC must be a positive finite number, got ${String(ec)}`);
  }
  return Math.floor(ec);
}

export type Standing = 'approved' | 'pending';

export interface CapStanding {
  /** Credited EC of approved petitions counting toward this cap. */
  approved: number;
  /** Credited EC of petitions still pending that count toward this cap. */
  pending: number;
  limit: number;
  /** Room left under the limit, counting approved petitions only (never negative). */
  remaining: number;
  /** Room left if every pending petition were approved as well (never negative). */
  remainingIfPendingApproved: number;
}

export interface EcStanding {
  /** Advanced and introductory level together: the procedure's 5 EC include the 3 introductory. */
  advanced: CapStanding;
  introductory: CapStanding;
}

export function ecStanding(
  petitions: ReadonlyArray<{ ec: number; level: Level; standing: Standing }>,
): EcStanding {
  const sums = { advanced: { approved: 0, pending: 0 }, introductory: { approved: 0, pending: 0 } };
  for (const petition of petitions) {
    if (petition.standing !== 'approved' && petition.standing !== 'pending') {
      throw new RangeError(
        `Standing must be 'approved' or 'pending', got ${JSON.stringify(petition.standing)}`,
      );
    }
    const credited = creditedEc(petition.ec);
    const category = levelCategory(petition.level);
    if (category === 'master') continue;
    sums.advanced[petition.standing] += credited;
    if (category === 'introductory') sums.introductory[petition.standing] += credited;
  }
  return {
    advanced: capStanding(sums.advanced, ADVANCED_CAP_EC),
    introductory: capStanding(sums.introductory, INTRODUCTORY_CAP_EC),
  };
}

function capStanding(sum: { approved: number; pending: number }, limit: number): CapStanding {
  return {
    ...sum,
    limit,
    remaining: Math.max(0, limit - sum.approved),
    remainingIfPendingApproved: Math.max(0, limit - sum.approved - sum.pending),
  };
}

import type { Register } from '../../db/register';

/** What every service call runs with: the open register, who acts, and the clock. */
export interface ServiceContext {
  register: Register;
  actor: string;
  now(): Date;
}

// The service behind each call of the API contract. The type makes a missing or mistyped handler
// a compile error, so the contract and the services cannot drift apart.
import type { z } from 'zod';
import type { Api, CallName } from '../../shared/api';
import type { ServiceContext } from './context';
import { importPetitions, previewImport } from './csv-import';
import { createPetition, getPetition, updatePetition, withdrawPetition } from './petitions';
import { listPetitions } from './register-view';
import { registerInfo } from './register-info';
import { getStudent, rulesContext } from './students';

export type Handlers = {
  [N in CallName]: (ctx: ServiceContext, input: z.output<Api[N]['input']>) => z.input<Api[N]['output']>;
};

export const handlers: Handlers = {
  'register.info': (ctx) => registerInfo(ctx),
  'petitions.list': listPetitions,
  'petitions.get': getPetition,
  'petitions.create': createPetition,
  'petitions.update': updatePetition,
  'petitions.withdraw': withdrawPetition,
  'students.rulesContext': rulesContext,
  'students.get': getStudent,
  'petitions.importPreview': previewImport,
  'petitions.import': importPetitions,
};

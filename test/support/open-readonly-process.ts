// Run by test/db/readonly.test.ts as a user who may not write the register file: opens it the
// ordinary way (no option) and reports what it got, what a list shows and what a create answers.
// Usage: node --import tsx test/support/open-readonly-process.ts <register path>
import { openRegister } from '../../db/register';
import { dispatch } from '../../electron/services/dispatch';
import { petitionForm } from './register';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: open-readonly-process.ts <register path>');

const now = () => new Date('2025-03-01T12:00:00.000Z');
const register = openRegister(file, { actor: 'reader', now });
const ctx = { register, actor: 'reader', now };
const list = dispatch(ctx, 'petitions.list', {}, 'en');
const info = dispatch(ctx, 'register.info', {}, 'en');
const create = dispatch(ctx, 'petitions.create', petitionForm({ studentNumber: 's7654321' }), 'en');
register.close();
process.stdout.write(`${JSON.stringify({ readOnly: register.readOnly, list, info, create })}\n`);

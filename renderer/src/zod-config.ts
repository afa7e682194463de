// zod compiles object schemas with new Function() when it may, and probes for it as the schemas
// are built; the Content Security Policy forbids eval, so the probe would be a violation on every
// start. Imported first by main.tsx, before any schema exists. Interpreted parsing is fast enough
// for the forms, and the main process validates every call again.
import { z } from 'zod';

z.config({ jitless: true });

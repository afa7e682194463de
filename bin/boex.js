#!/usr/bin/env node
// The `boex` command runs the TypeScript sources directly through tsx, so the CLI is always the
// same code as the app's services without a separate build.
import { register } from 'tsx/esm/api';

register();
await import('../cli/boex.ts');

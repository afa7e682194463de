import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new SQL migration from db/schema.ts; commit it with the schema.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
});

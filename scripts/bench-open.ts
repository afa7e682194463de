// How long the browser preview takes from opening the address to a usable register view (the
// first page of rows on screen), with a given register: `npx tsx scripts/bench-open.ts FILE`.
import { launchBrowser, openPage, startPreview } from '../test/e2e/harness';

const register = process.argv[2];
if (!register) {
  console.error('Give the register file, for example: npx tsx scripts/bench-open.ts /tmp/big.db');
  process.exit(64);
}
const preview = await startPreview(register);
const browser = await launchBrowser();
try {
  const samples: number[] = [];
  for (let run = 0; run < 6; run++) {
    const { page } = await openPage(browser, preview.origin);
    const started = performance.now();
    await page.goto(preview.url);
    // Usable: the first row of petitions is on screen and can be opened.
    await page.getByRole('row').nth(1).getByRole('link').waitFor({ timeout: 30_000 });
    samples.push(performance.now() - started);
    await page.context().close();
  }
  const [cold, ...warm] = samples;
  warm.sort((a, b) => a - b);
  console.log(`first open: ${cold?.toFixed(0)} ms; later opens: median ${warm[Math.floor(warm.length / 2)]?.toFixed(0)} ms, worst ${warm.at(-1)?.toFixed(0)} ms`);
} finally {
  await browser.close();
  await preview.stop();
}

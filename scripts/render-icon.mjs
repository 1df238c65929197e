#!/usr/bin/env node
// Renders the extension's icon, images/icon.svg, to the 256×256 PNG the manifest names
// (images/icon.png): the Marketplace and VS Code's extension views want a PNG. Debian's chromium
// draws it, through playwright-core, offline.
//
//   node scripts/render-icon.mjs          (INBOUND_CHROMIUM overrides /usr/bin/chromium)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const SIZE = 256;
const svgPath = fileURLToPath(new URL('../images/icon.svg', import.meta.url));
const pngPath = fileURLToPath(new URL('../images/icon.png', import.meta.url));

const browser = await chromium.launch({
  executablePath: process.env.INBOUND_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  // The SVG inline, nothing fetched: the page has no other content and no network.
  const svg = readFileSync(svgPath, 'utf8').replace(/<svg /, `<svg style="display:block" `);
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.screenshot({ path: pngPath, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
  console.log(`wrote ${pngPath}`);
} finally {
  await browser.close();
}

/**
 * npm run materials: prints the publicity materials in scripts/materials/*.html to PDF with
 * the Chromium and CJK fonts that come with npm install, into public/materials/. The PDFs are committed;
 * run this after editing a source.
 */
import { readdirSync } from 'node:fs';
import { launchBrowser } from './lib/browser.ts';

/** Source HTML → published PDF. */
export const MATERIAL_SOURCES: Record<string, string> = {
  'poster-2022.html': 'public/materials/2022/poster.pdf',
  'leaflet-redblack-2022.html': 'public/materials/2022/leaflet-redblack.pdf',
};

if (import.meta.main) {
  const sources = readdirSync(new URL('materials/', import.meta.url)).filter((name) => name.endsWith('.html'));
  const browser = await launchBrowser();
  const page = await browser.newPage();
  for (const source of sources) {
    const output = MATERIAL_SOURCES[source];
    if (!output) throw new Error(`scripts/materials/${source} 没有对应的输出文件：请在 MATERIAL_SOURCES 中登记。`);
    await page.goto(new URL(`materials/${source}`, import.meta.url).href);
    await page.pdf({ path: output, preferCSSPageSize: true, printBackground: true });
    console.log(`已生成 ${output}`);
  }
  await browser.close();
}

import type { APIRoute } from 'astro';
import { siteConfig } from '../../config/site.ts';
import { siteNow } from '../../lib/dates.ts';
import { renderSecurityTxt } from '../../lib/security-txt.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(
    renderSecurityTxt({
      site: site!.href,
      contact: siteConfig.securityContact,
      now: siteNow(),
      validDays: siteConfig.securityTxtValidDays,
    }),
    { headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
  );

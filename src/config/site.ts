import { getEntry } from 'astro:content';
import type { SiteSettings } from '../schemas/site.ts';

/**
 * The site's one configuration: its name, and the footer details Chinese government sites show (from
 * content/site.yaml, src/schemas/site.ts). A value of `null` has not been given to the project yet: the footer shows
 * it as 待提供 instead of inventing it. Registration codes (政府网站标识码, ICP备案号, 公安备案号) are issued by the authorities;
 * fill them in only from the official certificates.
 */
export interface SiteConfig {
  /** Short name, shown in the header. */
  name: string;
  /** Full name, used in page titles and the footer. */
  fullName: string;
  description: string;
  /** 主办单位 */
  sponsor: string | null;
  /** 承办单位 */
  organizer: string | null;
  contact: {
    /** 联系电话 */
    phone: string | null;
    /** 电子邮箱, used for 纠错 reports. */
    email: string | null;
    /** 通信地址 */
    address: string | null;
  };
  /** 政府网站标识码 */
  governmentSiteCode: string | null;
  /** ICP备案号 */
  icpLicence: string | null;
  /** 公安机关互联网站安全管理服务平台备案号 */
  publicSecurityRecord: string | null;
  /**
   * Where to report a security problem in the site, for /.well-known/security.txt (RFC 9116): a `mailto:`,
   * `https:` or `tel:` address given by the hosting unit. Until it is given, security.txt says so and points to 纠错.
   */
  securityContact: string | null;
  /** How many days after each build security.txt stays valid (its Expires field; RFC 9116 asks for under a year). */
  securityTxtValidDays: number;
  /** How long the web server's access logs are kept, as the hosting unit sets it (shown on 隐私声明). */
  serverLogRetention: string | null;
}

/**
 * Staff keep the footer values in content/site.yaml (editable in the web editor); the rest is fixed here. They come
 * from the content pipeline's checked model, through the `site` collection (src/content.config.ts): the pages show
 * exactly what `check:content` checked, read once.
 */
const settings: SiteSettings = (await getEntry('site', 'site'))?.data ?? {};

export const siteConfig: SiteConfig = {
  name: '食安武清',
  fullName: '食安武清 · 武清区食品安全信息网',
  description: '天津市武清区食品安全信息：监督管理计划、随机查餐厅红黑榜、食品安全宣传周和科普。',
  sponsor: settings.sponsor ?? null,
  organizer: settings.organizer ?? null,
  contact: { phone: settings.phone ?? null, email: settings.email ?? null, address: settings.address ?? null },
  governmentSiteCode: settings.governmentSiteCode ?? null,
  icpLicence: settings.icpLicence ?? null,
  publicSecurityRecord: settings.publicSecurityRecord ?? null,
  securityContact: settings.securityContact ?? null,
  securityTxtValidDays: 180,
  serverLogRetention: settings.serverLogRetention ?? null,
};

/** How a value not yet given is shown. */
export const NOT_PROVIDED = '待提供';

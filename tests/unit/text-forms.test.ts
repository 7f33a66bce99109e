/**
 * Dates written the Chinese way and full-width digits and letters: normalised alike by the schemas (so check:content,
 * the build and the importer) and by the web editor's fields (src/lib/text-forms.ts).
 */
import { describe, expect, it } from 'vitest';
import { dateShape, dateTimeShape, halfWidth } from '../../src/lib/text-forms.ts';
import { isoDateSchema } from '../../src/schemas/common.ts';
import { restaurantSchema } from '../../src/schemas/restaurant.ts';
import { siteSettingsSchema } from '../../src/schemas/site.ts';

describe('halfWidth', () => {
  it('turns full-width digits, letters, hyphens and brackets into their plain forms', () => {
    expect(halfWidth('０２２－２９３１２３４５')).toBe('022-29312345');
    expect(halfWidth('ＪＹ２１２０１１４００１２３４５')).toBe('JY21201140012345');
    expect(halfWidth('（０２２）　１２３')).toBe('(022) 123');
    expect(halfWidth('食安武清')).toBe('食安武清');
  });
});

describe('dates written the Chinese way', () => {
  it.each(['2023年2月20日', '2023/2/20', '2023.2.20', '2023-02-20', '２０２３年２月２０日', ' 2023 年 2 月 20 日 '])(
    '%s is 2023-02-20',
    (text) => expect(dateShape(text)).toBe('2023-02-20'),
  );
  it('is not a date when it is something else', () => {
    expect(dateShape('2023年2月')).toBeNull();
    expect(dateShape('二〇二三年二月二十日')).toBeNull();
  });
  it('reads a date and time', () => {
    expect(dateTimeShape('2023年2月20日 9:30')).toBe('2023-02-20 09:30');
    expect(dateTimeShape('2023/2/20 09:30')).toBe('2023-02-20 09:30');
    expect(dateTimeShape('2023-02-20T09:30')).toBe('2023-02-20 09:30');
    expect(dateTimeShape('2023年2月20日')).toBeNull();
  });
});

describe('the schemas normalise what staff type', () => {
  it('a date field takes 2023年2月20日 as 2023-02-20, and still refuses an impossible day', () => {
    expect(isoDateSchema.parse('2023年2月20日')).toBe('2023-02-20');
    expect(isoDateSchema.safeParse('2023年2月30日').success).toBe(false);
  });
  it('phone numbers and codes are published with plain digits', () => {
    const site = siteSettingsSchema.parse({
      phone: '０２２－２９３１２３４５',
      governmentSiteCode: '１２０１１４００２０',
      securityContact: 'ｔｅｌ:０２２-１２３',
    });
    expect(site).toMatchObject({
      phone: '022-29312345',
      governmentSiteCode: '1201140020',
      securityContact: 'tel:022-123',
    });
  });
  it('a licence number typed in full width passes the licence rule', () => {
    const restaurant = restaurantSchema.parse({
      id: 'a',
      signName: '甲',
      registeredName: '甲',
      address: '甲',
      town: '120114001',
      businessType: '正餐',
      licence: 'ＪＹ２１２０１１４００１２３４５',
      sample: true,
    });
    expect(restaurant.licence).toBe('JY21201140012345');
  });
});

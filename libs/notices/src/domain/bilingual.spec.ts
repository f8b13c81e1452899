import { inLanguage, optionalText, serviceList } from './bilingual';

describe('bilingual notice text', () => {
  it('gives English readers the English text where there is one, and the Japanese otherwise', () => {
    expect(inLanguage('en', '請求管理', 'Billing')).toBe('Billing');
    expect(inLanguage('en', '請求管理', null)).toBe('請求管理');
    expect(inLanguage('en', '請求管理', '')).toBe('請求管理');
    expect(inLanguage('ja', '請求管理', 'Billing')).toBe('請求管理');
  });

  it('stores an empty translation as none', () => {
    expect(optionalText('  ')).toBeNull();
    expect(optionalText(undefined)).toBeNull();
    expect(optionalText(' Billing ')).toBe('Billing');
  });

  it('lists services in the reader language, sorted and joined as that language does', () => {
    const services = [
      { name: '請求管理', nameEn: 'Billing' },
      { name: 'API', nameEn: null },
      { name: '管理画面', nameEn: 'Admin console' },
    ];
    expect(serviceList('en', services)).toBe('Admin console, API, Billing');
    expect(serviceList('ja', services).split('、').sort()).toEqual(['API', '管理画面', '請求管理'].sort());
  });
});

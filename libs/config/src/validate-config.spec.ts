import { InvalidConfigError, validateConfig } from './validate-config';

describe('validateConfig', () => {
  it('gives the embedded default when nothing is set', () => {
    const config = validateConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', LOG_LEVEL: 'info', QUEUE_CONCURRENCY: 4 });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.runsWorkers).toBe(true);
  });

  it('treats empty strings as unset', () => {
    const config = validateConfig({
      PORT: '',
      DATABASE_URL: '',
      REDIS_URL: ' ',
      DATA_DIR: '',
      MAIL_FROM: '',
      QUEUE_PREFIX: '',
      SMTP_URL: '',
      INBOUND_MAIL_TOKEN: '',
      COMPANY_NAME: '',
      LOG_LEVEL: '',
    });
    expect(config).toMatchObject({
      PORT: 3000,
      LOG_LEVEL: 'info',
      DATA_DIR: './data',
      MAIL_FROM: 'Madoguchi サポート <support@madoguchi.invalid>',
      QUEUE_PREFIX: 'madoguchi',
    });
    for (const unset of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'INBOUND_MAIL_TOKEN', 'COMPANY_NAME'] as const)
      expect(config[unset]).toBeUndefined();
  });

  it('reads the service mode and leaves the processors to the worker app', () => {
    const config = validateConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://madoguchi@db:5432/madoguchi',
      REDIS_URL: 'redis://redis:6379',
      SMTP_URL: 'smtp://mail:1025',
    });
    expect(config.PORT).toBe(8080);
    expect(config.runsWorkers).toBe(false);
    expect(validateConfig({ REDIS_URL: 'redis://redis:6379', RUN_WORKERS: 'true' }).runsWorkers).toBe(true);
  });

  it('reads the alarm addresses as a list, none when unset or empty', () => {
    expect(validateConfig({ ALERT_MAIL_TO: ' oncall@example.com,pager@example.com ,' }).ALERT_MAIL_TO).toEqual([
      'oncall@example.com',
      'pager@example.com',
    ]);
    expect(validateConfig({}).ALERT_MAIL_TO).toEqual([]);
    expect(validateConfig({ ALERT_MAIL_TO: '' }).ALERT_MAIL_TO).toEqual([]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://redis' }, 'REDIS_URL'],
    [{ SMTP_URL: 'mail.example.com' }, 'SMTP_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ INITIAL_ADMIN_EMAIL: 'not-an-email' }, 'INITIAL_ADMIN_EMAIL'],
    [{ INITIAL_ADMIN_EMAIL: 'admin@example.com' }, 'INITIAL_ADMIN_PASSWORD'],
    [{ INITIAL_ADMIN_EMAIL: 'admin@example.com', INITIAL_ADMIN_PASSWORD: 'short' }, 'INITIAL_ADMIN_PASSWORD'],
    [{ RUN_WORKERS: 'sometimes' }, 'RUN_WORKERS'],
    [{ MAIL_FROM: 'a@example.com\r\nBcc: x@example.com' }, 'MAIL_FROM'],
    [{ ALERT_SMTP_URL: 'https://mail.example.com' }, 'ALERT_SMTP_URL'],
    [{ PUBLIC_BASE_URL: 'ftp://madoguchi.example' }, 'PUBLIC_BASE_URL'],
    [{ INBOUND_MAIL_TOKEN: 'too short' }, 'INBOUND_MAIL_TOKEN'],
    [{ COMPANY_NAME: 'x'.repeat(201) }, 'COMPANY_NAME'],
    [{ ALERT_MAIL_TO: 'oncall@example.com, pager' }, 'ALERT_MAIL_TO'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(() => validateConfig(env)).toThrow(InvalidConfigError);
    expect(() => validateConfig(env)).toThrow(new RegExp(`^  - ${variable}: `, 'm'));
  });
});

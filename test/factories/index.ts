import type { ApiClient } from '../support/api-client';
import { ADMIN, type TestApp } from '../support/test-app';

/** The password every factory-made user signs in with (it passes the password policy). */
export const FACTORY_PASSWORD = 'factory passphrase 2026';

export type StaffRole = 'agent' | 'manager' | 'admin';

/** A user the factory made, signed in: their id, how they sign in, and an API client as them. */
export interface Person {
  id: string;
  email: string;
  password: string;
  name: string;
  /** Their bearer token (for a request the API client does not make, such as a raw upload). */
  token: string;
  api: ApiClient;
}

interface PersonOptions {
  email?: string;
  name?: string;
  password?: string;
  language?: 'ja' | 'en';
}

const created = async <T>(what: string, response: Promise<{ status: number; json: T; text: string }>) => {
  const { status, json, text } = await response;
  if (status !== 201) throw new Error(`could not create ${what}: ${status} ${text}`);
  return json;
};

/**
 * Seeds what e2e tests need through the real API, as the signed-in initial admin would: customer
 * organizations, staff and customer contacts, each signed in. Every address is unique unless
 * given, so tests sharing an app do not collide. `await Factories.for(t)` once per app.
 */
export class Factories {
  private sequence = 0;

  private constructor(
    private readonly t: TestApp,
    /** The initial admin, signed in. */
    readonly admin: ApiClient,
  ) {}

  static async for(t: TestApp): Promise<Factories> {
    return new Factories(t, t.api.as(await t.api.login(ADMIN.email, ADMIN.password)));
  }

  async organization(name = `株式会社テスト${this.next()}`, code?: string): Promise<{ id: string; name: string }> {
    const organization = await created(
      `organization ${name}`,
      this.admin.post('/api/v1/organizations', { name, ...(code ? { code } : {}) }),
    );
    return { id: organization.id as string, name };
  }

  /** An agent, manager or admin, signed in. */
  staff(role: StaffRole, options: PersonOptions = {}): Promise<Person> {
    return this.person(role, null, options);
  }

  /** A contact of `organizationId`, signed in. */
  customer(organizationId: string, options: PersonOptions = {}): Promise<Person> {
    return this.person('customer', organizationId, options);
  }

  /**
   * A ticket, opened as an inquiry (by `by`, signed in, or anonymously): what most tests need before
   * they reply, assign or read. Its id and number.
   */
  async ticket(
    by: Person | null = null,
    fields: Partial<Record<'name' | 'email' | 'subject' | 'body' | 'category' | 'company', string>> = {},
  ): Promise<{ id: string; number: string }> {
    const n = this.next();
    const inquiry = {
      name: by?.name ?? `問い合わせ者 ${n}`,
      email: by?.email ?? `requester-${n}@example.jp`,
      subject: `問い合わせ ${n}`,
      body: '本文です。',
      consent: true,
      ...fields,
    };
    const receipt = await created(
      `ticket ${inquiry.subject}`,
      (by?.api ?? this.t.api).post('/api/v1/inquiries', inquiry),
    );
    return { id: receipt.id as string, number: receipt.number as string };
  }

  private async person(role: StaffRole | 'customer', organizationId: string | null, options: PersonOptions) {
    const n = this.next();
    const email = options.email ?? `${role}-${n}@example.jp`;
    const password = options.password ?? FACTORY_PASSWORD;
    const name = options.name ?? `${role} ${n}`;
    const user = await created(
      `${role} ${email}`,
      this.admin.post('/api/v1/users', {
        email,
        name,
        password,
        role,
        ...(organizationId ? { organizationId } : {}),
        ...(options.language ? { language: options.language } : {}),
      }),
    );
    const token = await this.t.api.login(email, password);
    return { id: user.id as string, email, password, name, token, api: this.t.api.as(token) };
  }

  private next(): number {
    return (this.sequence += 1);
  }
}

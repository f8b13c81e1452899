import { OpenApiContract } from './openapi-contract';

/**
 * A small JSON client for end-to-end tests: real HTTP against the app under test. Every answer is
 * checked against the app's OpenAPI document (see OpenApiContract): an undocumented status or
 * field fails the test that received it.
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  as(token: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return this.checked(method, path, response);
  }

  /** POSTs a raw body (a file upload), not JSON. */
  async upload(path: string, body: string | Buffer, contentType = 'text/plain', headers: Record<string, string> = {}) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body,
    });
    return this.checked('POST', path, response);
  }

  /** POSTs a `multipart/form-data` form (text fields and files), as a browser form would. */
  async multipart(path: string, form: FormData, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...headers },
      body: form,
    });
    return this.checked('POST', path, response);
  }

  private async checked(method: string, path: string, response: Response) {
    const text = await response.text();
    const contentType = response.headers.get('content-type');
    const json = text && contentType?.includes('json') ? JSON.parse(text) : undefined;
    // The document cannot be read from a process that is down: a fault test's requests go unchecked.
    const contract = await OpenApiContract.for(this.baseUrl).catch(() => undefined);
    const problems = contract?.problems(method, path, response.status, contentType, json) ?? [];
    if (problems.length > 0) throw new Error(`The answer breaks the API document:\n${problems.join('\n')}`);
    return { status: response.status, headers: response.headers, json, text };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body ?? {});
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);
  put = (path: string, body: unknown) => this.request('PUT', path, body);
  delete = (path: string) => this.request('DELETE', path);

  async login(email: string, password: string): Promise<string> {
    const response = await this.request('POST', '/api/v1/auth/login', { email, password });
    if (response.status !== 200) throw new Error(`login ${email} failed: ${response.status} ${response.text}`);
    return response.json.accessToken as string;
  }
}

import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The app's own OpenAPI document as a contract: every answer an e2e test receives through
 * `ApiClient` is checked against the operation it hit. A success must have a documented status
 * and a body that matches its response DTO exactly — no undocumented field, no missing required
 * one, no `null` where none is declared — and an error must be a problem document. So the
 * documentation is proved by the whole suite, not by a list of hand-written examples.
 */
export class OpenApiContract {
  private static readonly loaded = new Map<string, Promise<OpenApiContract>>();
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly operations: { method: string; pattern: RegExp; template: string; operation: Operation }[] = [];

  static for(baseUrl: string): Promise<OpenApiContract> {
    let contract = OpenApiContract.loaded.get(baseUrl);
    if (!contract) {
      contract = fetch(`${baseUrl}/api/docs-json`)
        .then((response) => response.json())
        .then((document) => new OpenApiContract(document as OpenApiDocument));
      OpenApiContract.loaded.set(baseUrl, contract);
      // A failed load (the app not up yet) is retried by the next request rather than cached.
      contract.catch(() => OpenApiContract.loaded.delete(baseUrl));
    }
    return contract;
  }

  constructor(document: OpenApiDocument) {
    addFormats(this.ajv);
    const strict = closeObjects(JSON.parse(JSON.stringify(document.components ?? {}).replaceAll('"#/', '"openapi#/')));
    // A problem may carry extension members (RFC 9457 §3.2): `rule`, `retryAfterSeconds`, `checks`.
    const problem = (strict as { schemas?: Record<string, { additionalProperties?: boolean }> }).schemas
      ?.ProblemResponseDto;
    if (problem) problem.additionalProperties = true;
    this.ajv.addSchema({ $id: 'openapi', components: strict });
    for (const [template, item] of Object.entries(document.paths)) {
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, operation] of Object.entries(item))
        this.operations.push({ method: method.toUpperCase(), pattern, template, operation });
    }
  }

  /** What is wrong with this answer, by the document; empty when it conforms or the path is not an API operation. */
  problems(method: string, url: string, status: number, contentType: string | null, body: unknown): string[] {
    const path = new URL(url, 'http://host').pathname;
    const match = this.operations.find((o) => o.method === method && o.pattern.test(path));
    if (!match) return [];
    const where = `${method} ${match.template} answered ${status}`;
    const documented = match.operation.responses[String(status)];
    if (status >= 400) {
      if (!contentType?.startsWith('application/problem+json')) return [`${where} as ${contentType}, not problem+json`];
      return this.validate(`${where} (problem)`, { $ref: 'openapi#/components/schemas/ProblemResponseDto' }, body);
    }
    if (!documented) return [`${where}, which is not a documented status`];
    if (status === 204 || !documented.content) return [];
    const mediaType = contentType?.split(';')[0].trim() ?? '';
    const content =
      documented.content[mediaType] ?? documented.content[`${mediaType.split('/')[0]}/*`] ?? documented.content['*/*'];
    if (!content) return [`${where} as ${mediaType}; documented: ${Object.keys(documented.content).join(', ')}`];
    // A file (a download, or a JSON export streamed as one) is documented as bytes: nothing to check inside.
    const isFile = (content.schema as { format?: string } | undefined)?.format === 'binary';
    if (mediaType !== 'application/json' || !content.schema || isFile) return [];
    return this.validate(where, content.schema, body);
  }

  private validate(where: string, schema: object, body: unknown): string[] {
    const key = JSON.stringify(schema);
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(closeObjects(JSON.parse(key.replaceAll('"#/', '"openapi#/'))));
      this.validators.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${where}: ${e.instancePath || 'body'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
    );
  }
}

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: Record<string, unknown>;
}

/**
 * OpenAPI 3.0 schemas, made strict for checking: objects admit only their declared properties
 * (unless they declare `additionalProperties`), and `nullable` becomes JSON Schema's "or null".
 */
function closeObjects<T>(node: T): T {
  if (Array.isArray(node)) return node.map(closeObjects) as T;
  if (!node || typeof node !== 'object') return node;
  const schema = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closeObjects(v)])) as Record<
    string,
    unknown
  >;
  if (schema.properties && typeof schema.properties === 'object' && !('additionalProperties' in schema))
    schema.additionalProperties = false;
  if (schema.nullable === true) {
    const { nullable: _nullable, ...rest } = schema;
    return { anyOf: [rest, { type: 'null' }] } as T;
  }
  return schema as T;
}

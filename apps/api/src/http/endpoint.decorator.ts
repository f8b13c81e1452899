import { applyDecorators, RequestMethod, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ApiExtraModels, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';

import { ProblemResponseDto } from './problem-details.dto';

export interface EndpointOptions {
  summary: string;
  description?: string;
  /** Status codes this endpoint answers besides its success, with what they mean. */
  errors?: Record<number, string>;
  /** The JSON body of a success: a response DTO class, or `[Class]` for an array of them. */
  response?: Type<unknown> | [Type<unknown>];
  /**
   * A success that is a file rather than JSON: its media type(s) (`text/csv`, `application/pdf`, …).
   * With `response` too, the same data as JSON or as a file, by the request's choice.
   */
  download?: string | string[];
  /** Success statuses the handler sets itself (besides the route's), with when; same body. */
  alsoAnswers?: Record<number, string>;
  /** The handler answers 304 Not Modified (no body) to a conditional request, with when. */
  notModified?: string;
}

/**
 * One decorator for an endpoint's OpenAPI annotations. The success status is read from the route
 * itself (`@Post` answers 201, `@HttpCode` overrides), so the document cannot drift from what the
 * handler answers; that is why `@Endpoint` must be the method's first decorator — decorators apply
 * bottom-up, and it has to see the route's. Every success other than a 204 documents its body;
 * problem responses are always problem+json.
 */
export function Endpoint(options: EndpointOptions): MethodDecorator {
  return (target, key, descriptor) => {
    const handler = descriptor.value as object;
    const where = `${target.constructor.name}.${String(key)}`;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method === undefined) throw new Error(`@Endpoint on ${where} must be above its @Get/@Post/… decorator.`);
    const status =
      (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
      (method === RequestMethod.POST ? 201 : 200);
    applyDecorators(
      ApiOperation({ summary: options.summary, description: options.description }),
      successResponse(where, status, 'OK', options),
      ...Object.entries(options.alsoAnswers ?? {}).map(([other, description]) =>
        successResponse(where, Number(other), description, options),
      ),
      ...(options.notModified ? [ApiResponse({ status: 304, description: options.notModified })] : []),
      ...Object.entries(options.errors ?? {}).map(([errorStatus, description]) =>
        ApiResponse({
          status: Number(errorStatus),
          description,
          content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemResponseDto) } } },
        }),
      ),
      ApiExtraModels(ProblemResponseDto),
    )(target, key, descriptor);
  };
}

function successResponse(
  where: string,
  status: number,
  description: string,
  options: EndpointOptions,
): MethodDecorator {
  const { response, download } = options;
  if (status === 204) {
    if (response || download) throw new Error(`${where} answers 204 No Content: it has no response body to document.`);
    return ApiResponse({ status, description: 'Done; no body' });
  }
  if (download) {
    const file = { schema: { type: 'string', format: 'binary' } };
    const types = Array.isArray(download) ? download : [download];
    const content: Record<string, { schema: object }> = Object.fromEntries(types.map((type) => [type, file]));
    if (!response) return ApiResponse({ status, description, content });
    const model = Array.isArray(response) ? response[0] : response;
    const schema = { $ref: getSchemaPath(model) };
    content['application/json'] = { schema: Array.isArray(response) ? { type: 'array', items: schema } : schema };
    return applyDecorators(ApiExtraModels(model), ApiResponse({ status, description, content }));
  }
  if (!response) throw new Error(`@Endpoint on ${where} must name its response DTO (or its download type).`);
  return Array.isArray(response)
    ? ApiResponse({ status, description, type: response[0], isArray: true })
    : ApiResponse({ status, description, type: response });
}

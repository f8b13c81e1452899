import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';

export interface EndpointOptions {
  summary: string;
  description?: string;
  /** Status codes this endpoint answers besides its success, with what they mean. */
  errors?: Record<number, string>;
}

/** One decorator for an endpoint's OpenAPI annotations; problem responses are always problem+json. */
export function Endpoint(options: EndpointOptions): MethodDecorator {
  const errorResponses = Object.entries(options.errors ?? {}).map(([status, description]) =>
    ApiResponse({ status: Number(status), description, content: { 'application/problem+json': {} } }),
  );
  return applyDecorators(
    ApiOperation({ summary: options.summary, description: options.description }),
    ...errorResponses,
  );
}

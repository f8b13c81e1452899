import { Body, Controller, Headers, Post, Req } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';

import { ValidationFailedError } from '@madoguchi/common';
import { type AttachmentFile, inquiryRateLimited, InquiryService } from '@madoguchi/tickets';

import { Public } from '../auth/auth.decorators';
import { type AuthenticatedRequest, requestContextOf } from '../auth/auth-request';
import { Endpoint } from '../http/endpoint.decorator';
import { FixedWindowRateLimiter, InquiryRateLimiter } from '../http/rate-limiter';
import { UploadedAttachments } from '../http/uploads';
import { InquiryDto, InquiryReceiptResponseDto } from './ticket.dto';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** The public inquiry endpoint, open 24/7 to anyone; a signed-in customer's inquiry joins their organization. */
@ApiTags('inquiries')
@Controller('api/v1/inquiries')
export class InquiriesController {
  constructor(
    private readonly inquiries: InquiryService,
    private readonly limiter: InquiryRateLimiter,
  ) {}

  @Endpoint({
    response: InquiryReceiptResponseDto,
    summary:
      'Submit an inquiry: creates a ticket and sends an acknowledgement e-mail. As multipart/form-data, the same fields plus files (parts named `files`: at most 20, 10 MB each, typed by their content; one refused file refuses the request, 400 on `files`)',
    errors: {
      400: 'Invalid fields (listed)',
      422: 'Idempotency-Key reused with another request',
      429: 'Too many inquiries from this address',
    },
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @Post()
  @Public()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retries with the same key return the same ticket',
  })
  submit(
    @Req() request: AuthenticatedRequest,
    @Body() body: InquiryDto,
    @UploadedAttachments() files: AttachmentFile[],
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<InquiryReceiptResponseDto> {
    return submitInquiry(this.inquiries, this.limiter, request, body, idempotencyKey, files);
  }
}

/** Shared by the API and the web form: rate limit, key check, then the use case. */
export async function submitInquiry(
  inquiries: InquiryService,
  limiter: FixedWindowRateLimiter,
  request: AuthenticatedRequest,
  body: InquiryDto,
  idempotencyKey?: string,
  files: readonly AttachmentFile[] = [],
) {
  const retryAfterSeconds = limiter.hit(request.ip);
  if (retryAfterSeconds > 0) throw inquiryRateLimited(retryAfterSeconds);
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new ValidationFailedError([
      { field: 'Idempotency-Key', messages: ['must be 1-200 letters, digits, . _ : -'] },
    ]);
  }
  const { consent: _consent, website: _website, ...input } = body;
  return inquiries.submit(requestContextOf(request), input, idempotencyKey, undefined, undefined, files);
}

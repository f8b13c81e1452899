import multipart, { type MultipartFile } from '@fastify/multipart';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

import {
  type AttachmentFile,
  checkedUploads,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE,
  type UploadedFile,
  uploadsRefused,
} from '@madoguchi/tickets';

const UPLOADS = Symbol('uploads');
type WithUploads = FastifyRequest & { [UPLOADS]?: UploadedFile[] };

/**
 * `multipart/form-data` on every route: text fields become the body (validated by the route's DTO
 * as JSON would be), files are read as they stream in — each stops being kept past the size limit
 * — and wait on the request for `@UploadedAttachments()`. Beyond 100 files the request is refused
 * outright; the message limit itself (20) is the domain's, told field by field.
 */
export async function acceptUploads(app: NestFastifyApplication): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { files: 100, fileSize: MAX_ATTACHMENT_BYTES + 1, fields: 50, parts: 200 },
    // A file over the limit is noted, not an error: the reader is told which one and why.
    throwFileSizeLimit: false,
    async onFile(this: FastifyRequest, part: MultipartFile) {
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      // A browser sends an empty, nameless part for a file input left empty: no file at all.
      if (part.filename === '' && chunks.every((chunk) => chunk.length === 0)) return;
      const uploads = ((this as WithUploads)[UPLOADS] ??= []);
      uploads.push({
        field: part.fieldname,
        filename: part.filename,
        content: part.file.truncated ? null : Buffer.concat(chunks),
      });
    },
  });
}

/** The files sent with the request, checked by content (none for JSON); a refused one refuses the request (400 on `files`). */
export function attachmentsOf(request: FastifyRequest): AttachmentFile[] {
  const checked = checkedUploads((request as WithUploads)[UPLOADS] ?? []);
  if (checked.refused.length > 0)
    throw uploadsRefused(checked.refused, {
      files: MAX_ATTACHMENTS_PER_MESSAGE,
      megabytes: MAX_ATTACHMENT_BYTES / 1024 / 1024,
    });
  return checked.files;
}

/** `attachmentsOf` the current request, as a handler parameter. */
export const UploadedAttachments = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  attachmentsOf(context.switchToHttp().getRequest<FastifyRequest>()),
);

import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { InjectOptions } from 'fastify';

import { DomainError } from '@madoguchi/common';

import { ProblemDetailsFilter } from './problem-details.filter';
import { createValidationPipe } from './validation.pipe';

class MessageDto {
  @IsString()
  @MaxLength(10)
  ja!: string;
}

class InquiryDto {
  @IsEmail()
  email!: string;

  @IsIn(['low', 'normal'])
  priority!: string;

  @ValidateNested()
  @Type(() => MessageDto)
  message!: MessageDto;
}

@Controller('probe')
class ProbeController {
  @Post()
  create(@Body() body: InquiryDto) {
    return body;
  }

  @Get('rule')
  rule() {
    throw new DomainError(
      'maintenance.notice-too-short',
      'Planned maintenance needs 6 months notice.',
      'rule-violation',
      {
        rule: 'maintenance.planned-notice',
        earliestStart: '2027-05-28T10:00:00+09:00',
      },
    );
  }

  @Get('crash')
  crash() {
    throw new Error('secret internal detail');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('problem+json errors', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), { logger: false });
    app.useGlobalFilters(new ProblemDetailsFilter());
    app.useGlobalPipes(createValidationPipe());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  const inject = (options: InjectOptions) => app.getHttpAdapter().getInstance().inject(options);

  it('lists every invalid field, nested ones by path, and refuses unknown fields', async () => {
    const response = await inject({
      method: 'POST',
      url: '/probe',
      payload: { email: 'nope', priority: 'urgent', message: { ja: 'とても長い本文ですよ、本当に' }, extra: 1 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({
      status: 400,
      code: 'validation.failed',
      title: 'Validation failed',
      instance: '/probe',
    });
    const fields = Object.fromEntries(
      problem.errors.map((e: { field: string; messages: string[] }) => [e.field, e.messages]),
    );
    expect(Object.keys(fields).sort()).toEqual(['email', 'extra', 'message.ja', 'priority']);
    expect(fields.email).toEqual(['email must be an email']);
    expect(fields.extra).toEqual(['property extra should not exist']);
  });

  it('maps a broken business rule to 422 with its code and details', async () => {
    const response = await inject({ method: 'GET', url: '/probe/rule' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      type: 'https://madoguchi.dev/problems/maintenance/notice-too-short',
      code: 'maintenance.notice-too-short',
      rule: 'maintenance.planned-notice',
      earliestStart: '2027-05-28T10:00:00+09:00',
      detail: 'Planned maintenance needs 6 months notice.',
    });
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await inject({
      method: 'POST',
      url: '/probe',
      payload: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ status: 400, code: 'request.bad' });
  });

  it('hides the details of an unexpected error', async () => {
    const response = await inject({ method: 'GET', url: '/probe/crash' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({
      status: 500,
      code: 'server.error',
      detail: 'An unexpected error occurred.',
    });
    expect(response.body).not.toContain('secret internal detail');
  });
});

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
        earliestStartsAt: '2027-05-28T10:00:00+09:00',
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

  const invalid = (headers: Record<string, string> = {}) =>
    inject({
      method: 'POST',
      url: '/probe',
      headers,
      payload: { email: 'nope', priority: 'urgent', message: { ja: 'とても長い本文ですよ、本当に' }, extra: 1 },
    });
  const messagesByField = (problem: { errors: Array<{ field: string; messages: string[] }> }) =>
    Object.fromEntries(problem.errors.map((e) => [e.field, e.messages]));

  it('lists every invalid field, nested ones by path, and refuses unknown fields', async () => {
    const response = await invalid();
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({
      status: 400,
      code: 'validation.failed',
      title: 'Validation failed',
      instance: '/probe',
    });
    // One message per field, with the constraint's own figures.
    expect(messagesByField(problem)).toEqual({
      email: ['Enter an e-mail address (e.g. yamada@example.jp).'],
      priority: ['Choose one of the listed values.'],
      'message.ja': ['At most 10 characters.'],
      extra: ['This field is not accepted.'],
    });
  });

  it('tells the fields in Japanese when the client asks for it; codes and fields stay', async () => {
    const problem = (await invalid({ 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' })).json();
    expect(problem.code).toBe('validation.failed');
    expect(messagesByField(problem)).toEqual({
      email: ['メールアドレスの形式で入力してください（例: yamada@example.jp）。'],
      priority: ['一覧から選んでください。'],
      'message.ja': ['10 文字以内で入力してください。'],
      extra: ['この項目は受け付けていません。'],
    });
    const english = (await invalid({ 'accept-language': 'en-GB, ja;q=0.5' })).json();
    expect(messagesByField(english).priority).toEqual(['Choose one of the listed values.']);
  });

  it('says that an empty required field is required, not that it is too short', async () => {
    const response = await inject({ method: 'POST', url: '/probe', payload: { priority: 'low', message: {} } });
    expect(messagesByField(response.json())).toEqual({ email: ['Required.'], 'message.ja': ['Required.'] });
  });

  it('maps a broken business rule to 422 with its code and details', async () => {
    const response = await inject({ method: 'GET', url: '/probe/rule' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      type: 'https://madoguchi.dev/problems/maintenance/notice-too-short',
      code: 'maintenance.notice-too-short',
      rule: 'maintenance.planned-notice',
      earliestStartsAt: '2027-05-28T10:00:00+09:00',
      detail: 'Planned maintenance needs 6 months notice.',
    });
  });

  it('tells a broken rule in Japanese to a client that asks, its figures and code kept', async () => {
    const response = await inject({ method: 'GET', url: '/probe/rule', headers: { 'accept-language': 'ja' } });
    expect(response.json()).toMatchObject({
      code: 'maintenance.notice-too-short',
      earliestStartsAt: '2027-05-28T10:00:00+09:00',
      detail:
        '計画メンテナンスは 6 か月前までに告知が必要です。今告知すると、開始できるのは 2027-05-28T10:00:00+09:00 以降です。',
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

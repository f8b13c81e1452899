import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { DomainError, type Principal, type RequestContext } from '@madoguchi/common';
import { SecondFactorService } from '@madoguchi/identity';

import { Ctx } from '../../auth/auth.decorators';
import { STATUS_BY_KIND } from '../../http/problem-details.filter';
import { Page, page, type PageResponse, redirectTo, Viewer } from '../shared/page';
import type { SecurityPage } from './account.page-models';
import { scannable } from './qr-code';

type FormBody = Record<string, string | undefined>;

/** The account's sign-in security: setting up, and removing, the authenticator app. */
@ApiExcludeController()
@Controller('account/security')
export class AccountSecurityPagesController {
  constructor(private readonly secondFactors: SecondFactorService) {}

  @Get()
  @Page('account/security')
  async show(@Viewer() viewer: Principal): Promise<SecurityPage> {
    return { status: await this.secondFactors.status(viewer), enrolment: null, recoveryCodes: null };
  }

  /** A new secret to scan; it counts once its first code is confirmed below. */
  @Post('enrol')
  @Page('account/security')
  async enrol(@Viewer() viewer: Principal, @Ctx() context: RequestContext): Promise<PageResponse<SecurityPage>> {
    try {
      const enrolment = await scannable(await this.secondFactors.beginFor(context));
      return { status: await this.secondFactors.status(viewer), enrolment, recoveryCodes: null };
    } catch (error) {
      return this.refused(viewer, error);
    }
  }

  @Post('confirm')
  @Page('account/security')
  async confirm(
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @Body() body: FormBody,
  ): Promise<PageResponse<SecurityPage>> {
    try {
      const recoveryCodes = await this.secondFactors.confirm(context, body.code ?? '');
      return { status: await this.secondFactors.status(viewer), enrolment: null, recoveryCodes };
    } catch (error) {
      // A wrong code: the same secret to scan again (the form carried it).
      const shown = body.secret && body.otpauthUri ? { secret: body.secret, otpauthUri: body.otpauthUri } : null;
      return this.refused(viewer, error, shown && (await scannable(shown)));
    }
  }

  @Post('remove')
  @Page('account/security')
  async remove(
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @Body() body: FormBody,
  ): Promise<PageResponse<SecurityPage>> {
    try {
      await this.secondFactors.remove(context, body.code ?? '');
      return redirectTo('/account/security');
    } catch (error) {
      return this.refused(viewer, error);
    }
  }

  /** The page again with the refusal told, under the status its kind answers (429 with the wait). */
  private async refused(viewer: Principal, error: unknown, enrolment: SecurityPage['enrolment'] = null) {
    if (!(error instanceof DomainError)) throw error;
    const headers: Record<string, string> =
      error.kind === 'rate-limited' ? { 'retry-after': String(error.details.retryAfterSeconds) } : {};
    const status = await this.secondFactors.status(viewer);
    return page({ status, enrolment, recoveryCodes: null, error }, { status: STATUS_BY_KIND[error.kind], headers });
  }
}

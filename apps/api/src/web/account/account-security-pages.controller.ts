import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { DomainError, type Principal, type RequestContext } from '@madoguchi/common';
import { SecondFactorService } from '@madoguchi/identity';

import { Ctx } from '../../auth/auth.decorators';
import { Page, page, type PageResponse, redirectTo, Viewer } from '../shared/page';
import type { SecurityPage } from './account.page-models';
import { qrCodeOf } from './qr-code';

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
    const status = await this.secondFactors.status(viewer);
    try {
      const enrolment = await this.secondFactors.beginFor(context);
      return { status, enrolment: { ...enrolment, qrSvg: await qrCodeOf(enrolment.otpauthUri) }, recoveryCodes: null };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return page({ status, enrolment: null, recoveryCodes: null, error }, { status: 409 });
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
      if (!(error instanceof DomainError)) throw error;
      const status = await this.secondFactors.status(viewer);
      const secret = body.secret && body.otpauthUri ? { secret: body.secret, otpauthUri: body.otpauthUri } : null;
      const enrolment = secret && { ...secret, qrSvg: await qrCodeOf(secret.otpauthUri) };
      return page(
        { status, enrolment, recoveryCodes: null, error },
        { status: error.kind === 'rate-limited' ? 429 : 401 },
      );
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
      if (!(error instanceof DomainError)) throw error;
      const status = await this.secondFactors.status(viewer);
      return page({ status, enrolment: null, recoveryCodes: null, error }, { status: 422 });
    }
  }
}

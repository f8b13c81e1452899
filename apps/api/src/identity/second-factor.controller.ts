import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { Principal, RequestContext } from '@madoguchi/common';
import { SecondFactorService } from '@madoguchi/identity';

import { Ctx, CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { EnrolmentDto, RecoveryCodesDto, SecondFactorCodeDto, SecondFactorStatusDto } from '../auth/auth.dto';
import { Endpoint } from '../http/endpoint.decorator';

/** Setting up, proving and removing one's own second factor; an admin's reset of someone else's. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class SecondFactorController {
  constructor(private readonly secondFactors: SecondFactorService) {}

  @Endpoint({ response: SecondFactorStatusDto, summary: 'Whether my account has a second factor, and must' })
  @Get('me/second-factor')
  status(@CurrentPrincipal() viewer: Principal): Promise<SecondFactorStatusDto> {
    return this.secondFactors.status(viewer);
  }

  @Endpoint({
    response: EnrolmentDto,
    summary: 'Start setting up an authenticator app: a new secret (confirm it with its first code)',
    errors: { 409: 'A second factor is set up already' },
  })
  @Post('me/second-factor')
  begin(@Ctx() context: RequestContext): Promise<EnrolmentDto> {
    return this.secondFactors.beginFor(context);
  }

  @Endpoint({
    response: RecoveryCodesDto,
    summary: 'Confirm the authenticator app with its first code; answers the recovery codes, shown once',
    errors: { 401: 'Wrong code', 409: 'Nothing to confirm, or confirmed already', 429: 'Too many wrong codes' },
  })
  @Post('me/second-factor/confirm')
  @HttpCode(200)
  async confirm(@Ctx() context: RequestContext, @Body() body: SecondFactorCodeDto): Promise<RecoveryCodesDto> {
    return { recoveryCodes: await this.secondFactors.confirm(context, body.code) };
  }

  @Endpoint({
    summary: 'Remove my second factor, proven with a current code (not when my role requires one)',
    errors: {
      401: 'Wrong code',
      409: 'None set up',
      422: 'My role requires a second factor',
      429: 'Too many wrong codes',
    },
  })
  @Post('me/second-factor/remove')
  @HttpCode(204)
  async remove(@Ctx() context: RequestContext, @Body() body: SecondFactorCodeDto): Promise<void> {
    await this.secondFactors.remove(context, body.code);
  }

  @Endpoint({
    summary: "Reset a user's second factor (a lost phone; admins): removed, their sessions ended, audited",
    errors: { 404: 'No such user', 409: 'None set up' },
  })
  @Delete(':id/second-factor')
  @RequireRole('admin')
  @HttpCode(204)
  async reset(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.secondFactors.reset(context, id);
  }
}

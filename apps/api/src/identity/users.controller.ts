import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { Principal, RequestContext } from '@madoguchi/common';
import { ACCOUNT_LINK_LIFETIME_MS, AccountLinkService, UserService } from '@madoguchi/identity';

import { Ctx, CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import {
  ChangePasswordDto,
  CreateUserDto,
  InvitationSentResponseDto,
  OwnSettingsDto,
  UpdateUserDto,
  UserListResponseDto,
  UserResponseDto,
  userView,
} from './identity.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly users: UserService,
    private readonly links: AccountLinkService,
  ) {}

  @Endpoint({
    response: UserResponseDto,
    summary:
      'Create a user (admins; managers add customer contacts). Without `password`, `invite: true` e-mails a single-use link to `/account/invite?token=…` (valid 7 days) for the user to set their own',
    errors: {
      400: 'Invalid fields, a weak password, or neither password nor invite',
      403: '`user.staff-by-admins`: a manager creating a staff account',
      409: 'E-mail taken',
    },
  })
  @Post()
  @RequireRole('manager')
  async create(@Ctx() context: RequestContext, @Body() body: CreateUserDto) {
    return userView(await this.users.create(context, body));
  }

  @Endpoint({ response: UserResponseDto, summary: 'The signed-in user' })
  @Get('me')
  async me(@CurrentPrincipal() viewer: Principal) {
    return userView(await this.users.get(viewer, viewer.userId));
  }

  @Endpoint({
    response: UserResponseDto,
    summary: 'Change your own settings (the language of your pages and e-mails)',
    errors: { 400: 'Invalid fields' },
  })
  @Patch('me')
  async changeOwnSettings(@Ctx() context: RequestContext, @Body() body: OwnSettingsDto) {
    return userView(await this.users.changeOwnSettings(context, body));
  }

  @Endpoint({
    summary: 'Change your own password, proving the current one: every session and token of yours ends',
    errors: { 400: 'Wrong current password (`currentPassword`), or a new one the policy refuses (`newPassword`)' },
  })
  @Put('me/password')
  @HttpCode(204)
  async changeOwnPassword(@Ctx() context: RequestContext, @Body() body: ChangePasswordDto): Promise<void> {
    await this.users.changeOwnPassword(context, body.currentPassword, body.newPassword);
  }

  @Endpoint({
    response: InvitationSentResponseDto,
    summary:
      'Send the invitation again (managers for customer contacts, admins for anyone): a new link to `/account/invite?token=…`; earlier links stop working',
    errors: {
      403: '`user.staff-by-admins`: a manager re-inviting staff',
      404: 'No such user',
      409: '`user.invitation-accepted` (a password is set) or `user.inactive`',
      429: '`user.invitation-throttled`: three invitations within the hour',
    },
  })
  @Post(':id/invitation')
  @HttpCode(202)
  @RequireRole('manager')
  async resendInvitation(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<InvitationSentResponseDto> {
    await this.links.resendInvitation(context, id);
    return { linkValidDays: ACCOUNT_LINK_LIFETIME_MS.invitation / 86_400_000 };
  }

  @Endpoint({ response: UserListResponseDto, summary: 'All users (admins)' })
  @Get()
  @RequireRole('admin')
  async list(@CurrentPrincipal() viewer: Principal) {
    return { items: (await this.users.list(viewer)).map(userView) };
  }

  @Endpoint({ response: UserResponseDto, summary: 'One user (admins)', errors: { 404: 'No such user' } })
  @Get(':id')
  @RequireRole('admin')
  async get(@CurrentPrincipal() viewer: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return userView(await this.users.get(viewer, id));
  }

  @Endpoint({
    response: UserResponseDto,
    summary: 'Edit or deactivate a user (admins; never deleted)',
    errors: { 404: 'No such user' },
  })
  @Patch(':id')
  @RequireRole('admin')
  async update(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto) {
    return userView(await this.users.update(context, id, body));
  }
}

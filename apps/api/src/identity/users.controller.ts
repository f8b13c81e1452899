import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import { DomainError, type Principal, type RequestContext } from '@madoguchi/common';
import { DirectoryRepository, UserService } from '@madoguchi/identity';

import { Ctx, CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { CreateUserDto, UpdateUserDto, userView } from './identity.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly users: UserService,
    private readonly directory: DirectoryRepository,
  ) {}

  @Post()
  @RequireRole('admin')
  @Endpoint({
    summary: 'Create a user (admins)',
    errors: { 400: 'Invalid fields or weak password', 409: 'E-mail taken' },
  })
  async create(@Ctx() context: RequestContext, @Body() body: CreateUserDto) {
    return userView(await this.users.create(context, body));
  }

  @Get('me')
  @Endpoint({ summary: 'The signed-in user' })
  async me(@CurrentPrincipal() viewer: Principal) {
    const user = await this.directory.user(viewer, viewer.userId);
    return userView(user!);
  }

  @Get()
  @RequireRole('admin')
  @Endpoint({ summary: 'All users (admins)' })
  async list(@CurrentPrincipal() viewer: Principal) {
    return { items: (await this.directory.users(viewer)).map(userView) };
  }

  @Get(':id')
  @RequireRole('admin')
  @Endpoint({ summary: 'One user (admins)', errors: { 404: 'No such user' } })
  async get(@CurrentPrincipal() viewer: Principal, @Param('id', ParseUUIDPipe) id: string) {
    const user = await this.directory.user(viewer, id);
    if (!user) throw new DomainError('user.not-found', `No user with id ${id}.`, 'not-found');
    return userView(user);
  }

  @Patch(':id')
  @RequireRole('admin')
  @Endpoint({ summary: 'Edit or deactivate a user (admins; never deleted)', errors: { 404: 'No such user' } })
  async update(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto) {
    return userView(await this.users.update(context, id, body));
  }
}

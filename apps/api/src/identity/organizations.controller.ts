import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { Principal, RequestContext } from '@madoguchi/common';
import { OrganizationService } from '@madoguchi/identity';

import { Ctx, CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import {
  CreateOrganizationDto,
  OrganizationListResponseDto,
  OrganizationResponseDto,
  organizationView,
  UpdateOrganizationDto,
} from './identity.dto';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('api/v1/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationService) {}

  @Endpoint({
    response: OrganizationResponseDto,
    summary: 'Create a customer organization (admins)',
    errors: { 400: 'Invalid fields', 409: 'Code taken' },
  })
  @Post()
  @RequireRole('admin')
  async create(@Ctx() context: RequestContext, @Body() body: CreateOrganizationDto) {
    return organizationView(await this.organizations.create(context, body));
  }

  @Endpoint({
    response: OrganizationListResponseDto,
    summary: 'Organizations you may see: all for staff, your own for a customer contact',
  })
  @Get()
  async list(@CurrentPrincipal() viewer: Principal) {
    return { items: (await this.organizations.list(viewer)).map(organizationView) };
  }

  @Endpoint({
    response: OrganizationResponseDto,
    summary: 'One organization',
    errors: { 404: 'No such organization (or not yours)' },
  })
  @Get(':id')
  async get(@CurrentPrincipal() viewer: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return organizationView(await this.organizations.get(viewer, id));
  }

  @Endpoint({
    response: OrganizationResponseDto,
    summary: 'Edit or deactivate an organization (admins)',
    errors: { 404: 'No such organization' },
  })
  @Patch(':id')
  @RequireRole('admin')
  async update(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateOrganizationDto,
  ) {
    return organizationView(await this.organizations.update(context, id, body));
  }
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import { DomainError, type Principal, type RequestContext } from '@madoguchi/common';
import { DirectoryRepository, OrganizationService } from '@madoguchi/identity';

import { Ctx, CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { CreateOrganizationDto, organizationView, UpdateOrganizationDto } from './identity.dto';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('api/v1/organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly directory: DirectoryRepository,
  ) {}

  @Post()
  @RequireRole('admin')
  @Endpoint({
    summary: 'Create a customer organization (admins)',
    errors: { 400: 'Invalid fields', 409: 'Code taken' },
  })
  async create(@Ctx() context: RequestContext, @Body() body: CreateOrganizationDto) {
    return organizationView(await this.organizations.create(context, body));
  }

  @Get()
  @Endpoint({ summary: 'Organizations you may see: all for staff, your own for a customer contact' })
  async list(@CurrentPrincipal() viewer: Principal) {
    const items = await this.directory.organizations(viewer, { includeInactive: viewer.role === 'admin' });
    return { items: items.map(organizationView) };
  }

  @Get(':id')
  @Endpoint({ summary: 'One organization', errors: { 404: 'No such organization (or not yours)' } })
  async get(@CurrentPrincipal() viewer: Principal, @Param('id', ParseUUIDPipe) id: string) {
    const organization = await this.directory.organization(viewer, id);
    if (!organization) throw new DomainError('organization.not-found', `No organization with id ${id}.`, 'not-found');
    return organizationView(organization);
  }

  @Patch(':id')
  @RequireRole('admin')
  @Endpoint({ summary: 'Edit or deactivate an organization (admins)', errors: { 404: 'No such organization' } })
  async update(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateOrganizationDto,
  ) {
    return organizationView(await this.organizations.update(context, id, body));
  }
}

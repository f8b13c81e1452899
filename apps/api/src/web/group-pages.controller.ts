import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { isStaff } from '@madoguchi/common';
import { DirectoryRepository } from '@madoguchi/identity';
import { AgentGroupService } from '@madoguchi/tickets';

import { RequireRole } from '../auth/auth.decorators';
import { AuthenticatedRequest, requestContextOf } from '../auth/auth-request';
import { AgentGroupDto } from '../tickets/group.dto';
import { PageResponder } from './page-responder';
import { FormFailure, submitForm } from './web-form';

type FormBody = Record<string, string | string[] | undefined>;

/** Checkboxes send one value, several, or none. */
const groupForm = (body: FormBody) => ({ name: body.name, memberIds: ([] as string[]).concat(body.memberIds ?? []) });

/** Managers' page for agent groups: who is in which group, a new group, renaming and members. */
@ApiExcludeController()
@RequireRole('manager')
@Controller('groups')
export class GroupPagesController {
  constructor(
    private readonly pages: PageResponder,
    private readonly groups: AgentGroupService,
    private readonly directory: DirectoryRepository,
  ) {}

  @Get()
  list(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.render(request, reply, null, {});
  }

  @Post()
  create(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    return submitForm({
      dto: AgentGroupDto,
      body: groupForm(body),
      run: (value) => this.groups.create(requestContextOf(request), value),
      succeeded: () => reply.redirect('/groups', 303),
      failed: (failure) => this.render(request, reply, null, failure, 400),
    });
  }

  @Get(':id')
  edit(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Param('id', ParseUUIDPipe) id: string) {
    return this.render(request, reply, id, {});
  }

  @Post(':id')
  update(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    return submitForm({
      dto: AgentGroupDto,
      body: groupForm(body),
      run: (value) => this.groups.update(requestContextOf(request), id, value),
      succeeded: () => reply.redirect('/groups', 303),
      failed: (failure) => this.render(request, reply, id, failure, 400),
    });
  }

  /** The list (editing null) or one group's edit form. */
  private async render(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    editing: string | null,
    extra: Partial<FormFailure>,
    status = 200,
  ) {
    const [groups, users] = await Promise.all([this.groups.list(), this.directory.users(request.auth!.principal)]);
    const staff = users.filter((user) => isStaff(user.role) && user.active);
    const names = new Map(users.map((user) => [user.id, user.name]));
    const group = editing ? groups.find((g) => g.id === editing) : null;
    if (editing && !group) throw new NotFoundException(`No group ${editing}.`);
    return this.pages.render(
      request,
      reply,
      group ? 'group-edit' : 'groups',
      {
        groups: groups.map((g) => ({ ...g, memberNames: g.memberIds.map((id) => names.get(id) ?? id) })),
        group,
        staff,
        form: group ? { name: group.name, memberIds: group.memberIds } : { memberIds: [] },
        errors: {},
        ...extra,
      },
      status,
    );
  }
}

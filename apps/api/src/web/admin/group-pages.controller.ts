import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { isStaff, type Principal, type RequestContext } from '@madoguchi/common';
import { UserService } from '@madoguchi/identity';
import { AgentGroupService } from '@madoguchi/tickets';

import { Ctx, RequireRole } from '../../auth/auth.decorators';
import type { Language } from '../../i18n/i18n';
import { AgentGroupDto } from '../../tickets/group.dto';
import { Page, page, type PageResponse, ReaderLanguage, redirectTo, Viewer } from '../shared/page';
import { type FormState, formValues, submitForm } from '../shared/web-form';
import type { GroupsPage } from './admin.page-models';

type FormBody = Record<string, string | string[] | undefined>;

/** Checkboxes send one value, several, or none. */
const groupForm = (body: FormBody) => ({ name: body.name, memberIds: formValues(body.memberIds) });

/** Managers' page for agent groups: who is in which group, a new group, renaming and members. */
@ApiExcludeController()
@RequireRole('manager')
@Controller('groups')
export class GroupPagesController {
  constructor(
    private readonly groups: AgentGroupService,
    private readonly users: UserService,
  ) {}

  @Get()
  @Page('admin/groups')
  list(@Viewer() viewer: Principal): Promise<GroupsPage> {
    return this.model(viewer, null, {});
  }

  @Post()
  @Page('admin/groups')
  create(
    @ReaderLanguage() language: Language,
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @Body() body: FormBody,
  ): Promise<PageResponse<GroupsPage>> {
    return submitForm({
      dto: AgentGroupDto,
      language,
      body: groupForm(body),
      run: (value) => this.groups.create(context, value),
      succeeded: () => redirectTo('/groups'),
      failed: async (failure) => page(await this.model(viewer, null, failure), { status: 400 }),
    });
  }

  @Get(':id')
  @Page('admin/group-edit')
  edit(@Viewer() viewer: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<GroupsPage> {
    return this.model(viewer, id, {});
  }

  @Post(':id')
  @Page('admin/group-edit')
  update(
    @ReaderLanguage() language: Language,
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ): Promise<PageResponse<GroupsPage>> {
    return submitForm({
      dto: AgentGroupDto,
      language,
      body: groupForm(body),
      run: (value) => this.groups.update(context, id, value),
      succeeded: () => redirectTo('/groups'),
      failed: async (failure) => page(await this.model(viewer, id, failure), { status: 400 }),
    });
  }

  /** The list (editing null) or one group's edit form. */
  private async model(viewer: Principal, editing: string | null, state: Partial<FormState>): Promise<GroupsPage> {
    const [groups, users] = await Promise.all([this.groups.list(), this.users.list(viewer)]);
    const staff = users.filter((user) => isStaff(user.role) && user.active);
    const names = new Map(users.map((user) => [user.id, user.name]));
    const group = editing ? (groups.find((g) => g.id === editing) ?? null) : null;
    if (editing && !group) throw new NotFoundException(`No group ${editing}.`);
    return {
      groups: groups.map((g) => ({ ...g, memberNames: g.memberIds.map((id) => names.get(id) ?? id) })),
      group,
      staff,
      form: group ? { name: group.name, memberIds: group.memberIds } : { memberIds: [] },
      errors: {},
      ...state,
    };
  }
}

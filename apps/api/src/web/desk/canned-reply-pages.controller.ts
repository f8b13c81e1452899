import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { type Principal, type RequestContext, roleSatisfies } from '@madoguchi/common';
import { CANNED_PLACEHOLDERS, CannedReplyService } from '@madoguchi/tickets';

import { Ctx, RequireRole } from '../../auth/auth.decorators';
import { type Language, translator } from '../../i18n/i18n';
import { CannedReplyDto, NewCannedReplyDto } from '../../tickets/canned-reply.dto';
import { confirmationStep, confirmed } from '../shared/confirmation';
import { Page, page, type PageResponse, ReaderLanguage, redirectTo, Viewer } from '../shared/page';
import { type FormState, freshForm, submitForm } from '../shared/web-form';
import type { CannedRepliesPage } from './desk.page-models';

type FormBody = Record<string, string | undefined>;

const LIST = '/desk/canned-replies';

/** The desk's canned replies: the shared ones (managers keep them) and each agent's own. */
@ApiExcludeController()
@RequireRole('agent')
@Controller('desk/canned-replies')
export class CannedReplyPagesController {
  constructor(private readonly canned: CannedReplyService) {}

  @Get()
  @Page('desk/canned-replies')
  list(@Viewer() viewer: Principal): Promise<CannedRepliesPage> {
    return this.model(viewer, null);
  }

  @Post()
  @Page('desk/canned-replies')
  create(
    @ReaderLanguage() language: Language,
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @Body() body: FormBody,
  ): Promise<PageResponse<CannedRepliesPage>> {
    // An agent's reply is their own whatever the form says; a manager chooses.
    const personal = !roleSatisfies(viewer.role, 'manager') || body.shared !== 'true';
    return submitForm({
      dto: NewCannedReplyDto,
      language,
      body: { title: body.title, body: body.body, personal },
      run: (value) => this.canned.create(context, value),
      succeeded: () => redirectTo(LIST),
      failed: async (failure) => page(await this.model(viewer, null, failure), { status: 400 }),
    });
  }

  @Get(':id')
  @Page('desk/canned-replies')
  edit(@Viewer() viewer: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<CannedRepliesPage> {
    return this.model(viewer, id);
  }

  @Post(':id')
  @Page('desk/canned-replies')
  update(
    @ReaderLanguage() language: Language,
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ): Promise<PageResponse<CannedRepliesPage>> {
    return submitForm({
      dto: CannedReplyDto,
      language,
      body: { title: body.title, body: body.body },
      run: (value) => this.canned.update(context, id, value),
      succeeded: () => redirectTo(LIST),
      failed: async (failure) => page(await this.model(viewer, id, failure), { status: 400 }),
    });
  }

  /** Deleting cannot be undone: the page asks first. */
  @Post(':id/delete')
  @Page()
  async delete(
    @ReaderLanguage() language: Language,
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    if (!confirmed(body)) {
      const { title } = await this.canned.get(viewer, id);
      return confirmationStep(translator(language), 'deleteCannedReply', {
        action: `${LIST}/${id}/delete`,
        back: `${LIST}/${id}`,
        body,
        values: { title },
      });
    }
    await this.canned.delete(context, id);
    return redirectTo(LIST);
  }

  private async model(viewer: Principal, editing: string | null, state?: FormState): Promise<CannedRepliesPage> {
    const replies = await this.canned.list(viewer);
    const current = editing ? await this.canned.get(viewer, editing) : null;
    return {
      replies,
      editing: current,
      mayShare: roleSatisfies(viewer.role, 'manager'),
      placeholders: CANNED_PLACEHOLDERS.map((name) => `{{${name}}}`),
      ...(state ?? freshForm(current ? { title: current.title, body: current.body } : {})),
    };
  }
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import type { RequestContext } from '@madoguchi/common';
import { TagService } from '@madoguchi/tickets';

import { Ctx, RequireRole } from '../../auth/auth.decorators';
import { type Language, translator } from '../../i18n/i18n';
import { TagDto } from '../../tickets/tag.dto';
import { confirmationStep, confirmed } from '../shared/confirmation';
import { Page, page, type PageResponse, ReaderLanguage, redirectTo } from '../shared/page';
import { type FormState, freshForm, submitForm } from '../shared/web-form';
import type { TagsPage } from './desk.page-models';

type FormBody = Record<string, string | undefined>;

const LIST = '/desk/tags';

/** The desk's tag list, kept by managers: tickets are tagged from it, and nothing else becomes a tag. */
@ApiExcludeController()
@RequireRole('manager')
@Controller('desk/tags')
export class TagPagesController {
  constructor(private readonly tags: TagService) {}

  @Get()
  @Page('desk/tags')
  list(): Promise<TagsPage> {
    return this.model(freshForm());
  }

  @Post()
  @Page('desk/tags')
  create(
    @ReaderLanguage() language: Language,
    @Ctx() context: RequestContext,
    @Body() body: FormBody,
  ): Promise<PageResponse<TagsPage>> {
    return submitForm({
      dto: TagDto,
      language,
      body: { name: body.name },
      run: (value) => this.tags.create(context, value.name),
      succeeded: () => redirectTo(LIST),
      failed: async (failure) => page(await this.model(failure), { status: 400 }),
    });
  }

  /** Deleting takes the tag off every ticket, which cannot be undone: the page asks first. */
  @Post(':id/delete')
  @Page()
  async delete(
    @ReaderLanguage() language: Language,
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    if (!confirmed(body)) {
      const { name } = await this.tags.get(id);
      return confirmationStep(translator(language), 'deleteTag', {
        action: `${LIST}/${id}/delete`,
        back: LIST,
        body,
        values: { name },
      });
    }
    await this.tags.delete(context, id);
    return redirectTo(LIST);
  }

  private async model(state: FormState): Promise<TagsPage> {
    return { tags: await this.tags.list(), ...state };
  }
}

import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import type { Principal, RequestContext } from '@madoguchi/common';
import { UserService } from '@madoguchi/identity';

import { Ctx } from '../../auth/auth.decorators';
import { SESSION_COOKIE } from '../../auth/auth-request';
import { type Language, translator } from '../../i18n/i18n';
import { ChangePasswordDto, OwnSettingsDto } from '../../identity/identity.dto';
import { Page, page, type PageResponse, ReaderLanguage, redirectTo, Viewer } from '../shared/page';
import { LANGUAGE_COOKIE } from '../shared/page-language';
import { type FormState, freshForm, submitForm } from '../shared/web-form';
import type { AccountSettingsPage, PasswordSetPage } from './account.page-models';

type FormBody = Record<string, string | undefined>;

/** The signed-in person's own settings: the language of pages and e-mails, and their password. */
@ApiExcludeController()
@Controller('account/settings')
export class AccountSettingsPagesController {
  constructor(private readonly users: UserService) {}

  @Get()
  @Page('account/settings')
  async show(
    @Viewer() viewer: Principal,
    @ReaderLanguage() language: Language,
    @Query('saved') saved?: string,
  ): Promise<AccountSettingsPage> {
    const model = await this.model(viewer);
    return saved ? { ...model, notice: translator(language)('settings.saved') } : model;
  }

  /** The language is the account's and, from now on, this browser's too. */
  @Post('language')
  @Page('account/settings')
  language(
    @ReaderLanguage() language: Language,
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @Body() body: FormBody,
  ): Promise<PageResponse<AccountSettingsPage>> {
    return submitForm({
      dto: OwnSettingsDto,
      language,
      body: { language: body.language },
      run: (value) => this.users.changeOwnSettings(context, value),
      // Shown again in the language just chosen: the page after the redirect is read in it.
      succeeded: (saved) =>
        redirectTo('/account/settings?saved=1', [
          { name: LANGUAGE_COOKIE, value: saved.language, maxAge: 365 * 86_400, readableByScripts: true },
        ]),
      failed: async (failure) => page(await this.model(viewer, failure), { status: 400 }),
    });
  }

  /** A changed password ends every session, this one too: the person signs in again with it. */
  @Post('password')
  @Page('account/settings')
  password(
    @ReaderLanguage() language: Language,
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @Body() body: FormBody,
  ): Promise<PageResponse<AccountSettingsPage | PasswordSetPage>> {
    if (body.newPassword !== body.newPasswordAgain) {
      const errors = { newPasswordAgain: [translator(language)('settings.passwordsDiffer')] };
      return this.model(viewer, { form: {}, errors }).then((model) => page(model, { status: 400 }));
    }
    return submitForm({
      dto: ChangePasswordDto,
      language,
      body: { currentPassword: body.currentPassword, newPassword: body.newPassword },
      run: (value) => this.users.changeOwnPassword(context, value.currentPassword, value.newPassword),
      succeeded: () =>
        page<PasswordSetPage>(
          { purpose: 'password-reset' },
          { view: 'account/password-set', cookies: [{ name: SESSION_COOKIE, value: null }] },
        ),
      // Passwords are never sent back into the form.
      failed: async (failure) => page(await this.model(viewer, { ...failure, form: {} }), { status: 400 }),
    });
  }

  private async model(viewer: Principal, state: FormState = freshForm()): Promise<AccountSettingsPage> {
    const user = await this.users.get(viewer, viewer.userId);
    return { email: user.email, language: user.language, ...state };
  }
}

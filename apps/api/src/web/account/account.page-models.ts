/** The sign-in form; `next` is where a successful sign-in goes. */
import type { DomainError } from '@madoguchi/common';
import type { AccountLinkPurpose, SecondFactorStatus } from '@madoguchi/identity';

import type { SupportHoursView } from '../shared/support-hours-widget';
import type { FormState } from '../shared/web-form';

export interface LoginPage {
  next: string;
  email?: string;
  error?: string | DomainError;
  hours: SupportHoursView;
}

/** The sign-in's second step: the code, and on a first sign-in the app to set up (QR code and secret). */
export interface SecondFactorPage {
  next: string;
  challenge: string;
  enrolment: { secret: string; otpauthUri: string; qrSvg: string } | null;
  error?: DomainError;
}

/** Shown once, after an authenticator app was set up: the recovery codes to keep. */
export interface RecoveryCodesPage {
  next: string;
  codes: string[];
}

/** The account's sign-in security: its second factor, a new one being set up, or the codes just made. */
export interface SecurityPage {
  status: SecondFactorStatus;
  enrolment: { secret: string; otpauthUri: string; qrSvg: string } | null;
  recoveryCodes: string[] | null;
  error?: DomainError;
}

/** The privacy policy: the operator's paragraphs, or null for the built-in notice. */
export interface PrivacyPage {
  paragraphs: string[] | null;
}

/** The signed-in home page: links by role (from the layout), and the support hours. */
export interface HomePage {
  hours: SupportHoursView;
}

/** Asking for a password-reset e-mail; `sent`: asked (the page says the same whether the address exists). */
export interface PasswordResetRequestPage extends FormState {
  sent: boolean;
}

/** Choosing a password with a link's token; `usable` false: the link has expired or was used. */
export interface SetPasswordPage extends FormState {
  purpose: AccountLinkPurpose;
  token: string;
  usable: boolean;
}

/** The password is set: sign in with it. */
export interface PasswordSetPage {
  purpose: AccountLinkPurpose;
}

/** The person's own settings page. */
export interface AccountSettingsPage extends FormState {
  email: string;
  language: 'ja' | 'en';
}

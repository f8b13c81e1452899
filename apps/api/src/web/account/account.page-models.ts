/** The sign-in form; `next` is where a successful sign-in goes. */
import type { DomainError } from '@madoguchi/common';

import type { SupportHoursView } from '../shared/support-hours-widget';

export interface LoginPage {
  next: string;
  email?: string;
  error?: string | DomainError;
  hours: SupportHoursView;
}

/** The privacy policy: the operator's paragraphs, or null for the built-in notice. */
export interface PrivacyPage {
  paragraphs: string[] | null;
}

/** The signed-in home page: links by role (from the layout), and the support hours. */
export interface HomePage {
  hours: SupportHoursView;
}

import type { SupportHoursView } from '../shared/support-hours-widget';

/** The sign-in form; `next` is where a successful sign-in goes. */
export interface LoginPage {
  next: string;
  email?: string;
  error?: string;
  hours: SupportHoursView;
}

/** The signed-in home page: links by role (from the layout), and the support hours. */
export interface HomePage {
  hours: SupportHoursView;
}

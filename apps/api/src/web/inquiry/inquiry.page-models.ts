import type { InquiryCategory, InquiryReceipt } from '@madoguchi/tickets';

import type { SupportHoursView } from '../shared/support-hours-widget';
import type { FormState } from '../shared/web-form';

/** The public inquiry form. */
export interface InquiryPage extends FormState {
  /** A fresh key per rendered form: a double-clicked or resent form creates one ticket. */
  idempotencyKey: string;
  categories: readonly InquiryCategory[];
  hours: SupportHoursView;
}

/** "We received your inquiry": its number, and when the first answer is due. */
export interface InquiryReceivedPage {
  receipt: InquiryReceipt;
  hours: SupportHoursView;
}

import { AccountLinkPagesController } from './account/account-link-pages.controller';
import { AccountPagesController } from './account/account-pages.controller';
import { AccountSecurityPagesController } from './account/account-security-pages.controller';
import { AccountSettingsPagesController } from './account/account-settings-pages.controller';
import { PrivacyPolicy } from './account/privacy-policy';
import { AdminPagesController } from './admin/admin-pages.controller';
import { CalendarPagesController } from './admin/calendar-pages.controller';
import { GroupPagesController } from './admin/group-pages.controller';
import { SlaPolicyPagesController } from './admin/sla-policy-pages.controller';
import { CannedReplyPagesController } from './desk/canned-reply-pages.controller';
import { DeskEventsController } from './desk/desk-events.controller';
import { DeskPagesController } from './desk/desk-pages.controller';
import { TagPagesController } from './desk/tag-pages.controller';
import { TicketPageModels } from './desk/ticket-page';
import { InquiryPagesController } from './inquiry/inquiry-pages.controller';
import { DisclosurePagesController } from './kpi/disclosure-pages.controller';
import { KpiPagesController } from './kpi/kpi-pages.controller';
import { MaintenanceWindowPagesController } from './notices/maintenance-window-pages.controller';
import { NoticePagesController } from './notices/notice-pages.controller';
import { StatusPageBody } from './notices/status-page-body';
import { StatusSubscriptionPagesController } from './notices/status-subscription-pages.controller';
import { PhonePagesController } from './phone/phone-pages.controller';
import { PortalPagesController } from './portal/portal-pages.controller';
import { AssetsController } from './shared/assets.controller';
import { ErrorPages } from './shared/error-pages';
import { PageInterceptor } from './shared/page.interceptor';
import { PageResponder } from './shared/page-responder';
import { SupportHoursWidget } from './shared/support-hours-widget';
import { ViewRenderer } from './shared/view-renderer';

/** The web UI's page controllers, one or more per area (`web/<area>/`). */
export const PAGE_CONTROLLERS = [
  AccountPagesController,
  AccountLinkPagesController,
  AccountSecurityPagesController,
  AccountSettingsPagesController,
  AdminPagesController,
  CalendarPagesController,
  GroupPagesController,
  SlaPolicyPagesController,
  InquiryPagesController,
  DeskPagesController,
  DeskEventsController,
  CannedReplyPagesController,
  TagPagesController,
  PortalPagesController,
  PhonePagesController,
  KpiPagesController,
  DisclosurePagesController,
  NoticePagesController,
  MaintenanceWindowPagesController,
  StatusSubscriptionPagesController,
  AssetsController,
];

/** What renders pages, and the page models more than one area builds. */
export const PAGE_PROVIDERS = [
  ViewRenderer,
  PageResponder,
  PageInterceptor,
  ErrorPages,
  SupportHoursWidget,
  TicketPageModels,
  PrivacyPolicy,
  StatusPageBody,
];

import { Injectable } from '@nestjs/common';

import { KpiDefinitionService } from '@madoguchi/kpi';
import { StatusPageService } from '@madoguchi/notices';

/**
 * The public status as the status page, its JSON and its feeds show it: availability weighed by the
 * KPI definition's rules, so the page and the KPI report never disagree on a figure.
 */
@Injectable()
export class PublicStatus {
  constructor(
    private readonly status: StatusPageService,
    private readonly definitions: KpiDefinitionService,
  ) {}

  async current() {
    return this.status.current(await this.definitions.availabilityRules());
  }
}

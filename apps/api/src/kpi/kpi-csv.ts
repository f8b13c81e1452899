import { stringify } from 'csv-stringify/sync';

import type { Figure } from '@madoguchi/kpi';

import { CSV_OPTIONS } from '../http/csv';

/** A report as the CSV reads it: the full report, or availability by service. */
interface Report {
  definitionVersion: number;
  kpis: object;
  groups?: Array<{ key: string; label: string; kpis: object }>;
}

/**
 * One row per figure: its group (`total` first), name, value, numerator, denominator, definition
 * version and the group's label (a person's name for an agent id; appended, so columns keep their place).
 */
export function kpiReportCsv(report: Report): string {
  const rows: unknown[][] = [['group', 'kpi', 'value', 'numerator', 'denominator', 'definitionVersion', 'label']];
  const add = (group: string, kpis: object, label = group) => {
    for (const [name, figure] of Object.entries(kpis)) {
      if (!figure) continue;
      const { value, numerator, denominator, byChannel } = figure as Partial<Figure> & {
        byChannel?: Record<string, Figure>;
      };
      rows.push([group, name, value ?? '', numerator ?? '', denominator ?? '', report.definitionVersion, label]);
      for (const [channel, part] of Object.entries(byChannel ?? {}))
        rows.push([
          group,
          `${name}.${channel}`,
          part.value ?? '',
          part.numerator,
          part.denominator,
          report.definitionVersion,
          label,
        ]);
    }
  };
  add('total', report.kpis);
  for (const group of report.groups ?? []) add(group.key, group.kpis, group.label);
  return stringify(rows, CSV_OPTIONS);
}

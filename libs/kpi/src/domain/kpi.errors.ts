import { DomainError, ValidationFailedError } from '@madoguchi/common';

/**
 * Every error the KPI library answers with, one constructor each: the `code` of the problem+json
 * body is stable (scripts and the pages' translations key on it).
 */
export const kpiDefinitionNotFound = (version: number | undefined) =>
  new DomainError('kpi.definition-not-found', `No KPI definition version ${version}.`, 'not-found');

export const disclosureNotFound = (month: string) =>
  new DomainError('disclosure.not-found', `No published report for ${month}.`, 'not-found');

export const disclosureMonthNotOver = (month: string) =>
  new DomainError(
    'disclosure.month-not-over',
    `${month} is not over yet; publish it once it has ended.`,
    'rule-violation',
  );

export const disclosureAlreadyPublished = (month: string) =>
  new DomainError('disclosure.already-published', `The report for ${month} is already published.`, 'conflict');

export const disclosureNoFont = () =>
  new DomainError(
    'disclosure.no-font',
    'No Japanese font for PDFs: install fonts-ipaexfont-gothic or set PDF_FONT_PATH. The printable page works without it.',
    'unavailable',
  );

/** 400 on the field, as validation answers (the pages show it beside the input). */
export const badMonth = () =>
  new ValidationFailedError([{ field: 'month', messages: ['month must be YYYY-MM'], rule: 'month' }]);

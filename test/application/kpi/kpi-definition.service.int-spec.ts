import type { Principal } from '@madoguchi/common';
import { KpiDefinitionService } from '@madoguchi/kpi';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('KpiDefinitionService', () => {
  let app: ApplicationUnderTest;
  let definitions: KpiDefinitionService;
  let manager: Principal;

  beforeAll(async () => {
    app = await startApplication();
    definitions = app.get(KpiDefinitionService);
    manager = await app.user('manager');
  });

  afterAll(() => app?.close());

  it('starts from version 1 and writes each revision as the next version, the earlier one kept', async () => {
    const first = await definitions.get();
    expect(first.version).toBe(1);
    const revised = await definitions.revise(
      app.as(manager),
      { answerTargetSeconds: 30, targets: { serviceLevel: 0.9 } },
      '応答目標を 30 秒に',
    );
    expect(revised).toMatchObject({ version: 2, note: '応答目標を 30 秒に', createdBy: manager.userId });
    expect(revised.definition).toEqual({
      ...first.definition,
      answerTargetSeconds: 30,
      targets: { ...first.definition.targets, serviceLevel: 0.9 },
    });
    expect((await definitions.get(1)).definition).toEqual(first.definition);
    expect((await definitions.list()).map((stored) => stored.version)).toEqual([2, 1]);
    expect(await app.audited('kpi.definition-revise', '2')).toHaveLength(1);
  });

  it('refuses an invalid revision field by field and writes no version', async () => {
    const before = (await definitions.list()).length;
    await expect(
      definitions.revise(app.as(manager), { answerTargetSeconds: 1.5, abandonedOutcomes: [] }, null),
    ).rejects.toMatchObject({
      fieldProblems: expect.arrayContaining([expect.objectContaining({ field: 'answerTargetSeconds' })]),
    });
    expect(await definitions.list()).toHaveLength(before);
    await expect(definitions.get(99)).rejects.toMatchObject({ code: 'kpi.definition-not-found' });
  });
});

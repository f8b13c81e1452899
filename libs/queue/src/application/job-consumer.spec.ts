import { defineQueue, type JobOf, type NoPayload } from './job-consumer';
import type { QueueService } from './queue.service';

const IMPORTS = defineQueue<{ import: { importId: string }; tick: NoPayload }>('imports', {
  import: { attempts: 5 },
  tick: {},
});

/**
 * Compile-time checks (tsc runs them in `npm run lint`): each `@ts-expect-error` fails the build
 * if the line it marks stops being an error.
 */
function typeChecks(queue: QueueService) {
  void queue.add(IMPORTS, 'import', { importId: 'a' });
  // @ts-expect-error a payload of another shape is refused
  void queue.add(IMPORTS, 'import', { id: 'a' });
  // @ts-expect-error a job the queue does not declare is refused
  void queue.add(IMPORTS, 'export', { importId: 'a' });
  // @ts-expect-error a timer job carries nothing
  void queue.addBulk(IMPORTS, 'tick', [{ data: { importId: 'a' } }]);
  void queue.maintainRepeatable(defineQueue<{ tick: NoPayload }>('timers', { tick: {} }), 'tick', 'id', {
    everyMs: 1000,
  });
  // @ts-expect-error only timer jobs (no payload) can repeat without data
  void queue.maintainRepeatable(IMPORTS, 'import', 'id', { everyMs: 1000 });
}

describe('typed queues', () => {
  it("keeps each job's default options under its name, and nothing else", () => {
    expect(IMPORTS).toEqual({ name: 'imports', jobs: { import: { attempts: 5 }, tick: {} } });
    expect(typeof typeChecks).toBe('function');
  });

  it('names a payload type by queue and job', () => {
    const payload: JobOf<typeof IMPORTS, 'import'> = { importId: 'a' };
    expect(payload).toEqual({ importId: 'a' });
  });
});

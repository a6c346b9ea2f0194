/** Who may see a complaint, and what is read beside it (visibility.ts). */
import { describe, expect, test } from 'vitest';
import { visibleWith } from '../../../../../shared/domain/workflow/visibility.ts';
import { NotFoundError } from '../../../../../shared/domain/errors.ts';
import { handlerRef, rejection, workflow } from '../../../../support/workflow-harness.ts';

describe('visibleWith: the complaint and what is read beside it, in one round', () => {
  test('staff who may see it get both; the read runs beside the lookup, not after it', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    const order: string[] = [];
    const register = {
      get: async (ref: string) => {
        order.push('get');
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push('got');
        return w.register.get(ref);
      },
    };
    const [complaint, events] = await visibleWith(register, reference, w.coordinator, async (ref) => {
      order.push('read');
      return w.register.events(ref);
    });
    expect(complaint.reference).toBe(reference);
    expect(events.map((e) => e.type)).toEqual(['registered']);
    expect(order).toEqual(['get', 'read', 'got']);
  });

  test('a handler it is not assigned to gets "not found", and nothing of what was read', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    await w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator);
    const error = await rejection(visibleWith(w.register, reference, w.handler2, (ref) => w.register.events(ref)));
    expect(error).toBeInstanceOf(NotFoundError);
    await expect(visibleWith(w.register, reference, w.handler1, async () => 'read')).resolves.toEqual([expect.objectContaining({ reference }), 'read']);
  });

  test('not a reference at all: not found, and nothing is read', async () => {
    const w = await workflow('demo');
    let reads = 0;
    const error = await rejection(
      visibleWith(w.register, '../../etc/passwd', w.coordinator, async () => {
        reads += 1;
      }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(reads).toBe(0);
  });
});

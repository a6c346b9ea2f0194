/**
 * The register the seed tool and the report benchmark generate histories in: the shared in-memory
 * fake (tests/support/fakes/register.ts, held to the ports' contract suites), without copies of
 * the views it hands out (copying was a third of the time; applyEvent makes each next view anew).
 */
import { InMemoryRegister } from '../../tests/support/fakes/register.ts';

export class MemoryRegister extends InMemoryRegister {
  constructor() {
    super({ copies: false });
  }
}

/** Where domain tests import the register fake and the clock from (the fakes are tests/support/fakes/). */
export { InMemoryRegister } from './fakes/register.ts';
export { FakeClock } from './fakes/clock.ts';

// The Dutch working-day calendar and period arithmetic: pure, no I/O.
export * from './local-date.ts';
export * from './dutch-calendar.ts';
export * from './periods.ts';
export * from './explain.ts';

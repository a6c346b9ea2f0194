import { afterAll } from 'vitest';

/**
 * CDK's built-in CloudFormation template validation costs seconds per synth and is not what the
 * construct tests are about; tests/infra/nag.test.ts and tenant-stack.test.ts run it, as
 * `cdk synth` does. Call once at the top of a test file: it is off for that file, and restored after.
 */
export function withoutCdkValidation(): void {
  const before = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  afterAll(() => {
    if (before === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = before;
  });
}

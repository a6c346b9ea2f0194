/**
 * cdk-nag in this app: the AwsSolutions rule pack runs as a policy-validation plugin at every
 * synth (cdk-nag 3 uses CDK's `Validations`, not an Aspect), and any finding fails the synth.
 *
 * Findings are fixed where the resource allows it. Where it does not, the finding is
 * acknowledged with `acknowledgeFinding`, always
 *   - on the one construct it concerns (never the stack or the app),
 *   - for one exact rule id, and for IAM5 one exact resource (`AwsSolutions-IAM5[Resource::...]`),
 *   - with a written reason (at least REASON_MIN_LENGTH characters saying why this is right here).
 * docs/deploy.md ("Security checks") lists every acknowledgement and its reason.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/** A reason has to say something: "by design" is not one. */
export const REASON_MIN_LENGTH = 40;

/** Adds the AwsSolutions checks to `scope` (an App or Stage): every stack in it is checked at synth. */
export function applyNagChecks(scope: IConstruct): void {
  Validations.of(scope).addPlugins(new AwsSolutionsChecks(scope));
}

/**
 * Acknowledges one cdk-nag finding on `scope` (the construct whose resource has it, or that
 * resource's parent), with a reason. `ruleId` is a bare rule id such as `AwsSolutions-SQS3`, or a
 * rule id with its finding, `AwsSolutions-IAM5[Resource::*]`. Use `acknowledgeWildcardResource`
 * for IAM5 resources built from tokens.
 */
export function acknowledgeFinding(scope: IConstruct, ruleId: string, reason: string): void {
  if (!/^AwsSolutions-[A-Z]+[0-9]+(\[.+\])?$/.test(ruleId)) throw new Error(`acknowledgeFinding: "${ruleId}" is not an AwsSolutions rule id`);
  if (reason.trim().length < REASON_MIN_LENGTH) {
    throw new Error(`acknowledgeFinding: ${ruleId} on ${scope.node.path} needs a reason of at least ${REASON_MIN_LENGTH} characters`);
  }
  Validations.of(scope).acknowledge({ id: ruleId, reason });
}

/**
 * Acknowledges AwsSolutions-IAM5 for exactly one wildcard resource on `principalScope` (a role or
 * its policy). `resourceArn` is the ARN as the grant used it (tokens allowed): it is rendered
 * the way cdk-nag names the finding, so the acknowledgement covers that resource and nothing else.
 */
export function acknowledgeWildcardResource(principalScope: IConstruct, resourceArn: string, reason: string): void {
  const rendered = flattenCfnReference(Stack.of(principalScope).resolve(resourceArn));
  if (!rendered.includes('*')) throw new Error(`acknowledgeWildcardResource: ${rendered} has no wildcard to acknowledge`);
  acknowledgeFinding(principalScope, `AwsSolutions-IAM5[Resource::${rendered}]`, reason);
}

/** Every acknowledgement under `scope`: where, which finding, and why (for tests and the deploy guide). */
export function acknowledgementsUnder(scope: IConstruct): Array<{ path: string; id: string; reason: string }> {
  const found: Array<{ path: string; id: string; reason: string }> = [];
  for (const construct of scope.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason });
      }
    }
  }
  return found;
}

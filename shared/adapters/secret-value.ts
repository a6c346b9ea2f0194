/**
 * One Secrets Manager secret's string value, read by ARN: the search key (search-key.ts) and the
 * webhook's signing secret (webhook-secret.ts). The client is loaded only here, when a secret is
 * read at all: the Lambda runtime provides the SDK (it is external to every bundle), and the local
 * cloud hands the functions the values themselves (or the rehearsal points
 * AWS_ENDPOINT_URL_SECRETS_MANAGER at its stand-in, local/rehearsal/secrets-local.ts).
 */
export async function readSecretString(secretArn: string, region: string): Promise<string> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({ region });
  try {
    const secret = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (!secret.SecretString) throw new Error('the secret has no string value');
    return secret.SecretString;
  } finally {
    client.destroy();
  }
}

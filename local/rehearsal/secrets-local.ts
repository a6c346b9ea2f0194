/**
 * A Secrets Manager stand-in for the rehearsal: GetSecretValue of the stack's secrets over the
 * JSON protocol the SDK speaks, at the endpoint the functions get as AWS_ENDPOINT_URL_SECRETS_MANAGER.
 * In the plain local cloud the functions get the search key itself (SEARCH_KEY); a rehearsal
 * runs them with the template's SEARCH_KEY_SECRET_ARN, so they read it as they will in AWS.
 */
import { createServer, type Server } from 'node:http';
import { closeServer } from '../scheduler-emulator.ts';

export interface LocalSecret {
  arn: string;
  name: string;
  value: string;
}

export interface SecretsLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startSecretsLocal(secrets: LocalSecret[]): Promise<SecretsLocal> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = (status: number, body: unknown, type?: string) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', ...(type ? { 'x-amzn-errortype': type } : {}) });
        res.end(JSON.stringify(body));
      };
      const target = String(req.headers['x-amz-target'] ?? '');
      let input: { SecretId?: string };
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { SecretId?: string };
      } catch {
        return answer(400, { __type: 'InvalidRequestException', message: 'not JSON' }, 'InvalidRequestException');
      }
      if (target !== 'secretsmanager.GetSecretValue' && target !== 'secretsmanager.DescribeSecret') {
        return answer(400, { __type: 'InvalidRequestException', message: `the rehearsal's Secrets Manager answers GetSecretValue and DescribeSecret, not ${target}` }, 'InvalidRequestException');
      }
      const secret = secrets.find((s) => s.arn === input.SecretId || s.name === input.SecretId);
      if (!secret) return answer(400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." }, 'ResourceNotFoundException');
      const created = 1_767_225_600;
      if (target === 'secretsmanager.DescribeSecret') return answer(200, { ARN: secret.arn, Name: secret.name, CreatedDate: created });
      return answer(200, { ARN: secret.arn, Name: secret.name, SecretString: secret.value, VersionId: '00000000-0000-4000-8000-000000000001', VersionStages: ['AWSCURRENT'], CreatedDate: created });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => closeServer(server) };
}

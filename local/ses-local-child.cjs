// The aws-ses-v2-local server, keeping the mail it accepted in a JSON-lines file so a stop and
// start (fault drills) loses nothing, as SES never forgets a message it accepted.
// Usage: node ses-local-child.cjs <port> <mail file>
const { appendFileSync, existsSync, readFileSync } = require('node:fs');
const store = require('aws-ses-v2-local/dist/store.js');
const server = require('aws-ses-v2-local/dist/index.js');

const [port, mailFile] = process.argv.slice(2);
if (existsSync(mailFile)) {
  const kept = store.getStoreReadonly().emails;
  for (const line of readFileSync(mailFile, 'utf8').split('\n')) if (line) kept.push(JSON.parse(line));
}
const saveEmail = store.saveEmail;
// The stand-in calls store.saveEmail before it answers: written here, the mail outlives a stop.
store.saveEmail = (email) => {
  appendFileSync(mailFile, `${JSON.stringify(email)}\n`);
  saveEmail(email);
};
server.default({ port: Number(port), host: '127.0.0.1' });

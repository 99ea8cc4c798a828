// Found while reading the CLI for the fuzz tests (issue 14): a command named like a prototype
// key ran Object's own functions (« __proto__ » threw a TypeError, « constructor » returned a list as exit code).
import { runCli } from '../../src/local/cli';

it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('rapporteur %s is an unknown command, exit 2, in French', async (command) => {
  const err: string[] = [];
  const code = await runCli([command], { out: () => undefined, err: (t) => err.push(t) });
  expect(code).toBe(2);
  expect(err.join('')).toContain(`Commande inconnue « ${command} »`);
});

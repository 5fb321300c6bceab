import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkpointBody, encodeBase64, eventLeafHash, leafData, MerkleTree, parseCheckpointFile } from '@ddr/ledger';
import { buildExamples, EXAMPLE_EVENTS } from './examples/build-examples';
import { REPOSITORY, runVerifier } from './run-verifier';

/**
 * Keeps docs/ledger-verification.md honest: its example files are what the
 * library produces, and every command it shows prints what it says.
 */
const EXAMPLES = join(__dirname, 'examples');
const DOC = readFileSync(join(REPOSITORY, 'docs', 'ledger-verification.md'), 'utf8');
const built = buildExamples();

if (process.env.UPDATE_EXAMPLES === '1') {
  for (const [name, content] of built) writeFileSync(join(EXAMPLES, name), content);
}

interface DocumentedCommand {
  readonly args: string[];
  readonly output: string;
}

/** "$ node tools/verify-ledger.mjs ..." lines in console blocks, each with the lines printed below it. */
function documentedCommands(markdown: string): DocumentedCommand[] {
  const blocks = [...markdown.matchAll(/```console\n([\s\S]*?)```/g)].map((match) => match[1]);
  return blocks.flatMap((block) =>
    block
      .split(/^\$ /m)
      .filter((chunk) => chunk.startsWith('node tools/verify-ledger.mjs '))
      .map((chunk) => {
        const [command, ...output] = chunk.trimEnd().split('\n');
        return { args: command.split(' ').slice(2), output: output.join('\n') };
      }),
  );
}

/** The text of the code block right after an <!-- example:NAME --> marker. */
function documentedValue(name: string): string {
  const match = new RegExp(`<!-- example:${name} -->\\s*\`\`\`text\\n([\\s\\S]*?)\`\`\``).exec(DOC);
  if (!match) throw new Error(`docs/ledger-verification.md has no example:${name} block`);
  return match[1];
}

describe('tools/examples', () => {
  it.each([...built.keys()])('%s is what the library builds (UPDATE_EXAMPLES=1 rewrites it)', (name) => {
    expect(readFileSync(join(EXAMPLES, name), 'utf8')).toBe(built.get(name));
  });
});

describe('docs/ledger-verification.md', () => {
  const commands = documentedCommands(DOC);

  it('shows each command on the example files, valid and invalid', () => {
    const shown = commands.map(({ args, output }) => `${args[0]} ${output.split(':')[0]}`);
    expect(shown).toEqual(expect.arrayContaining(['checkpoint VALID', 'consistency VALID', 'inclusion VALID', 'inclusion INVALID']));
    for (const { args } of commands) for (const file of args.slice(1)) expect(built.has(file.replace('tools/examples/', ''))).toBe(true);
  });

  it.each(commands.map((command) => [command.args.join(' '), command] as const))(
    'prints what it documents for: node tools/verify-ledger.mjs %s',
    async (_, { args, output }) => {
      const verdict = await runVerifier(args);
      expect(verdict.stdout).toBe(`${output}\n`);
      expect(verdict.code).toBe(output.startsWith('VALID') ? 0 : 1);
    },
  );

  it('shows the exact leaf bytes and leaf hash of the example event', () => {
    const event = EXAMPLE_EVENTS[3];
    expect(documentedValue('leaf-data')).toBe(`${Buffer.from(leafData(event)).toString('utf8')}\n`);
    expect(documentedValue('leaf-hash')).toBe(`${encodeBase64(eventLeafHash(event))}\n`);
  });

  it('shows the exact signed bytes of the example checkpoint', () => {
    const checkpoint = parseCheckpointFile(JSON.parse(built.get('checkpoint-6.json')!));
    expect(documentedValue('checkpoint-body')).toBe(Buffer.from(checkpointBody(checkpoint)).toString('utf8'));
    const tree = new MerkleTree();
    for (const event of EXAMPLE_EVENTS) tree.append(eventLeafHash(event));
    expect(encodeBase64(checkpoint.root)).toBe(encodeBase64(tree.root()));
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Body, Role } from '@ddr/kernel';
import { ROOT } from './built';
import type { RunningServer } from './server';

export interface DocBlock {
  language: string;
  text: string;
}

/** The ```graphql and ```json blocks (or those of `languages`) of a document's section, from `heading` to the next `## `, in order. */
export function docBlocks(file: string, heading: string, languages: readonly string[] = ['graphql', 'json']): DocBlock[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const start = text.indexOf(heading);
  if (start < 0) throw new Error(`${file} has no section ${heading}`);
  const end = text.indexOf('\n## ', start + heading.length);
  const section = text.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(new RegExp(`\`\`\`(${languages.join('|')})\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => ({ language: m[1], text: m[2] }));
}

/** Each query of the blocks with the answer block that follows it. */
export const questionsAndAnswers = (blocks: DocBlock[]): Array<[string, string]> =>
  blocks.flatMap((block, i) =>
    block.language === 'graphql' && blocks[i + 1]?.language === 'json' ? [[block.text, blocks[i + 1].text] as [string, string]] : [],
  );

export interface ExampleAs {
  request: string;
  answer: string | undefined;
  /** Who sends it, from its `# as CTS SECRETARIAT` line. */
  as: { body: Body; role: Role } | null;
}

/** Each request of the blocks, with who sends it (its `# as <BODY> <ROLE>` line) and the answer block that follows it. */
export const examplesAs = (blocks: DocBlock[]): ExampleAs[] =>
  blocks.flatMap((block, i) => {
    if (block.language !== 'graphql') return [];
    const sender = /^# as ([A-Z_]+) ([A-Z]+)$/m.exec(block.text);
    return [{ request: block.text, answer: blocks[i + 1]?.text, as: sender && { body: sender[1] as Body, role: sender[2] as Role } }];
  });

/** The document shows `count` examples, each naming who sends it and followed by its answer. */
export function expectSendersAndAnswers(examples: ExampleAs[], count: number): void {
  expect(examples).toHaveLength(count);
  for (const { as, answer } of examples) {
    expect(as).not.toBeNull();
    expect(answer).toBeDefined();
  }
}

/** Sends each example in order, as its sender, and expects the answer the document shows. */
export async function expectAnswersAsShown(server: RunningServer, examples: ExampleAs[]): Promise<void> {
  for (const { request, answer, as } of examples) {
    const response = await server.graphql(request, undefined, server.token(as!.body, as!.role));
    expect({ request, response }).toMatchObject({ request, response: JSON.parse(answer!) as object });
  }
}

import { tableName } from '../shared/db.ts';
import { surveyCounterKey, type SurveyCell } from '../shared/keys.ts';
import type { Answers, QuestionKind } from './vocabulary.ts';

/*
 * Survey counters: what one business's answers add to its cell, and the updates that move a survey's counters
 * from one set of answers to the next (answer, change, erasure). Each counter item holds flat attributes:
 * `n` (answers to the question), `o:<option>` (times chosen), `sum` and `v:<value>` (a histogram, from
 * which min and max stay exact when an answer is withdrawn) for scales and numbers; `respondents` on the
 * cell's `ALL` item.
 */

/**
 * Stored answers as the counters see them. It carries the kind of each answered question, so that
 * answers to an earlier version is uncounted without reading that version.
 */
export interface Counted {
  cell: SurveyCell;
  answers: Answers;
  kinds: Record<string, QuestionKind>;
}

type Tallies = Map<string | undefined, Record<string, number>>;

/** What answers add: per question key (undefined: the cell's respondents), attribute → amount. */
function contributions({ answers, kinds }: Counted): Tallies {
  const tallies: Tallies = new Map([[undefined, { respondents: 1 }]]);
  for (const [key, value] of Object.entries(answers)) {
    const kind = kinds[key];
    const counts: Record<string, number> = { n: 1 };
    if (Array.isArray(value)) for (const option of value) counts[`o:${option}`] = 1;
    else if (typeof value === 'number') Object.assign(counts, { sum: value, [`v:${value}`]: 1 });
    else if (kind === 'single_choice') counts[`o:${value}`] = 1;
    tallies.set(key, counts);
  }
  return tallies;
}

const cellId = (cell: SurveyCell) => `${cell.kecamatan}|${cell.sector}|${cell.sizeClass}`;

/**
 * The transaction items that take the counters from `before` to `after` (either may be absent): deltas
 * per counter item merged, zero deltas dropped, so an unchanged answer writes nothing.
 */
export function counterUpdates(surveyId: string, before: Counted | undefined, after: Counted | undefined) {
  const kinds = { ...before?.kinds, ...after?.kinds };
  const items = new Map<
    string,
    { cell: SurveyCell; question: string | undefined; deltas: Record<string, number> }
  >();
  const add = (record: Counted | undefined, sign: number) => {
    if (!record) return;
    for (const [question, counts] of contributions(record)) {
      const id = `${cellId(record.cell)}|${question ?? ''}`;
      const entry = items.get(id) ?? { cell: record.cell, question, deltas: {} };
      for (const [name, amount] of Object.entries(counts))
        entry.deltas[name] = (entry.deltas[name] ?? 0) + sign * amount;
      items.set(id, entry);
    }
  };
  add(before, -1);
  add(after, +1);
  return [...items.values()].flatMap(({ cell, question, deltas }) => {
    const changed = Object.entries(deltas).filter(([, delta]) => delta !== 0);
    if (changed.length === 0) return [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':cell': cell };
    const adds = changed.map(([name, delta], index) => {
      names[`#a${index}`] = name;
      values[`:a${index}`] = delta;
      return `#a${index} :a${index}`;
    });
    const sets = ['#cell = :cell'];
    names['#cell'] = 'cell';
    if (question !== undefined) {
      sets.push('#question = :question', '#kind = :kind');
      Object.assign(names, { '#question': 'question', '#kind': 'kind' });
      Object.assign(values, { ':question': question, ':kind': kinds[question] ?? 'short_text' });
    }
    return [
      {
        Update: {
          TableName: tableName,
          Key: surveyCounterKey(surveyId, cell, question),
          UpdateExpression: `ADD ${adds.join(', ')} SET ${sets.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
    ];
  });
}

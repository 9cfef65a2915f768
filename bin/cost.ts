import { parseArgs } from 'node:util';
import { createApp } from '../lib/app.ts';
import { inventoryOf, templatesOf } from '../lib/cost/inventory.ts';
import { CHOICES, monthlyCost, total, type LineItem } from '../lib/cost/model.ts';
import { PRICE_REGION, PRICES, PRICES_AS_OF, PRICES_CAVEAT } from '../lib/cost/prices.ts';
import { PROFILES } from '../lib/cost/profiles.ts';

/**
 * `npm run cost [-- --stage prod|dev] [-- --json]`: the monthly running cost of the stack as it is
 * synthesized now (its functions, memory sizes, log groups and retention, alarms, dashboards, queues, table,
 * user pool plan), for the three usage profiles of `lib/cost/profiles.ts`, at the list prices of
 * `lib/cost/prices.ts`; then what each choice of the issue moves the city profile by.
 */
const { values } = parseArgs({
  options: {
    stage: { type: 'string', default: 'prod' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    'npm run cost [-- --stage prod|dev] [-- --json]\n' +
      'Synthesizes the stack (offline, no bundling) and prints its monthly cost for the pilot, city and growth\n' +
      'profiles at the dated ap-southeast-3 prices in lib/cost/prices.ts, and what each choice moves.\n',
  );
  process.exit(0);
}

const { app } = createApp({ context: { stage: values.stage, 'aws:cdk:bundling-stacks': [] } });
const inventory = inventoryOf(templatesOf(app));
const usd = (value: number) =>
  `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const results = PROFILES.map((profile) => ({ profile, items: monthlyCost(inventory, profile, PRICES) }));
const city = PROFILES.find((profile) => profile.name === 'city');
const cityTotal = city ? total(monthlyCost(inventory, city, PRICES)) : 0;
const choices = city
  ? CHOICES.map((choice) => ({
      choice: choice.name,
      total: total(monthlyCost(choice.apply(inventory), city, PRICES)),
    })).map((row) => ({ ...row, change: row.total - cityTotal }))
  : [];
// The month the city first loads its registry: every business imported at once (a one-off, not monthly).
const firstLoad = city
  ? total(
      monthlyCost(
        inventory,
        { ...city, importedRowsPerMonth: city.businesses, importFilesPerMonth: 50 },
        PRICES,
      ),
    ) - cityTotal
  : 0;

if (values.json) {
  process.stdout.write(
    `${JSON.stringify({ pricesAsOf: PRICES_AS_OF, caveat: PRICES_CAVEAT, inventory, results, choices, firstLoad }, null, 2)}\n`,
  );
  process.exit(0);
}

const table = (rows: string[][]) => {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`)
    .join('\n');
};
const bySize = (items: readonly LineItem[]) => [...items].sort((a, b) => b.usd - a.usd);

process.stdout.write(
  `Stack UmkmHub-${values.stage}: ${inventory.functions.length} functions, ${inventory.logGroups.length} log groups ` +
    `(retention ${[...new Set(inventory.logGroups.map((group) => group.retentionDays ?? 'never'))].join('/')} days), ` +
    `${inventory.alarms} alarms, ${inventory.dashboards} dashboard(s), ${inventory.queues} queues, ` +
    `PITR ${inventory.tables.some((table) => table.pointInTimeRecovery) ? 'on' : 'off'}, ` +
    `Cognito ${inventory.userPools.map((pool) => pool.plan).join('/')}, ${inventory.secrets} secret(s).\n` +
    `Prices: ${PRICE_REGION}, list prices as of ${PRICES_AS_OF} (lib/cost/prices.ts names each source page).\n` +
    `${PRICES_CAVEAT}\n\n`,
);
for (const { profile, items } of results) {
  process.stdout.write(
    `## ${profile.name}: ${profile.businesses.toLocaleString('en-US')} businesses, ` +
      `${profile.subscribers.toLocaleString('en-US')} subscribers, ${profile.apiRequestsPerMonth.toLocaleString('en-US')} API requests, ` +
      `${(profile.ownersActivePerMonth + profile.operators).toLocaleString('en-US')} active accounts a month\n\n`,
  );
  process.stdout.write(
    `${table([['service', 'item', 'quantity / month', 'USD / month'], ...items.map((item) => [item.service, item.item, item.quantity, usd(item.usd)]), ['', 'total', '', usd(total(items))]])}\n`,
  );
  const largest = bySize(items).slice(0, 3);
  process.stdout.write(
    `Largest: ${largest.map((item) => `${item.service} ${item.item} ${usd(item.usd)} (${Math.round((item.usd / total(items)) * 100)} %)`).join('; ')}\n\n`,
  );
}
if (city) {
  process.stdout.write(`## What each choice moves (city profile, ${usd(cityTotal)} as synthesized)\n\n`);
  process.stdout.write(
    `${table([['choice', 'city total', 'change'], ...choices.map((row) => [row.choice, usd(row.total), `${row.change >= 0 ? '+' : '−'}${usd(Math.abs(row.change))}`])])}\n`,
  );
  process.stdout.write(
    `\nOne-off: the month the city first imports all ${city.businesses.toLocaleString('en-US')} businesses (50 files) ` +
      `costs ${usd(firstLoad)} more than a usual month.\n`,
  );
}

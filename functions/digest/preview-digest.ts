import { requireEnv } from '../shared/config.ts';
import { httpHandler } from '../shared/http.ts';
import { filtersOf } from '../subscriptions/model.ts';
import { planContent, renderContent } from './content.ts';
import { previewDigest } from './routes.ts';
import { lastDigestSince, thisWeeksSnapshot } from './snapshot.ts';
import { DIGEST_TEMPLATES, fillTemplate, greeting, linkData, programmeAddressData } from './templates.ts';

/** The digest as it would go out now, rendered without SES (an API function talks to DynamoDB only). */
const webUrl = requireEnv('WEB_URL');
const programmeAddress = requireEnv('PROGRAMME_ADDRESS');

export const handler = httpHandler(previewDigest, async ({ query }) => {
  const language = query.language ?? 'id';
  const nowMs = Date.now();
  const snapshot = await thisWeeksSnapshot(await lastDigestSince(undefined, nowMs), nowMs);
  const plan = planContent(snapshot, {
    language,
    filters: filtersOf(query.kecamatan ? { kecamatan: [query.kecamatan] } : {}),
  });
  const content = plan
    ? renderContent(snapshot, plan, webUrl)
    : {
        subject: '',
        html: `<p>${language === 'id' ? 'Tidak ada acara minggu ini.' : 'No events this week.'}</p>`,
        text: '',
      };
  const html = fillTemplate(DIGEST_TEMPLATES[language].html, {
    subject: content.subject,
    contentHtml: content.html,
    contentText: content.text,
    ...programmeAddressData(programmeAddress),
    ...greeting(language, undefined),
    ...linkData(`${webUrl}/langganan/preferensi?token=preview`, `${webUrl}/langganan/berhenti?token=preview`),
  });
  return { body: html, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } };
});

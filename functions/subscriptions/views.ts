import type { SubscriberRecord } from './model.ts';
import type { SubscriptionView } from './schemas.ts';

const masked = (email: string) => {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
};

export function toSubscriptionView(record: SubscriberRecord): SubscriptionView {
  return {
    status: record.status,
    ...(record.email ? { email: masked(record.email) } : {}),
    ...(record.name ? { name: record.name } : {}),
    language: record.language,
    filters: record.filters as SubscriptionView['filters'],
  };
}

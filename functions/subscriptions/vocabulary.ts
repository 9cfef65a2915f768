/** The subscriptions' fixed lists, without schemas: pages share them cheaply. */

/** What a subscriber reads: Bahasa Indonesia first, English where they chose it. */
export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

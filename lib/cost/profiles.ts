/**
 * Usage profiles for the cost model: how much the programme is used in a month. The figures the issue
 * names (businesses, subscribers, requests) are given; the rest are assumptions, each said here.
 */
export interface UsageProfile {
  name: string;
  businesses: number;
  /** Owner accounts that sign in at least once in a month (Cognito bills monthly active users). */
  ownersActivePerMonth: number;
  operators: number;
  /** Confirmed subscribers of the weekly digest. */
  subscribers: number;
  /** New subscriptions a month: one confirmation mail each. */
  newSubscribersPerMonth: number;
  apiRequestsPerMonth: number;
  /**
   * Share of the API requests per route id; the rest of the requests spread evenly over the routes not
   * named (so a route added to the manifest is counted without touching the profile).
   */
  routeMix: Record<string, number>;
  /** Rows imported from the Dinas's spreadsheets in a month (one table write each, and its index). */
  importedRowsPerMonth: number;
  /** Spreadsheets uploaded a month to carry those rows (one upload, one planner run, one report each). */
  importFilesPerMonth: number;
  /** Registry exports a month too large for one answer (written to S3, fetched through a link). */
  exportsPerMonth: number;
  /** Rows in such an export, on average. */
  exportRows: number;
  /** Event posters uploaded a month. */
  postersPerMonth: number;
  /** Poster images fetched from S3 a month (event pages opened with a poster: one image each, no CDN). */
  posterViewsPerMonth: number;
  /** Other mails a month (claim codes and the like). */
  otherMailsPerMonth: number;
}

/** Digest runs a month: weekly, 52 a year. */
export const DIGESTS_PER_MONTH = 52 / 12;

/**
 * What a typical month looks like for the routes citizens and owners use most: the public event pages and
 * lists and the calendar feed dominate, owners read and update their businesses and answer surveys.
 */
const routeMix: Record<string, number> = {
  listEvents: 0.2,
  getEvent: 0.15,
  eventsCalendar: 0.1,
  getMe: 0.08,
  listMyBusinesses: 0.07,
  getBusiness: 0.06,
  openSurveys: 0.04,
  createSubscription: 0.02,
  listRegions: 0.02,
};

export const PROFILES: readonly UsageProfile[] = [
  {
    name: 'pilot',
    businesses: 5_000,
    ownersActivePerMonth: 1_000,
    operators: 10,
    subscribers: 2_000,
    newSubscribersPerMonth: 300,
    apiRequestsPerMonth: 100_000,
    routeMix,
    importedRowsPerMonth: 5_000,
    importFilesPerMonth: 2,
    exportsPerMonth: 5,
    exportRows: 5_000,
    postersPerMonth: 20,
    posterViewsPerMonth: 20_000,
    otherMailsPerMonth: 200,
  },
  {
    name: 'city',
    businesses: 500_000,
    // One owner in twenty signs in during a month (surveys, events, their record); and the Dinas's staff.
    ownersActivePerMonth: 25_000,
    operators: 60,
    subscribers: 200_000,
    newSubscribersPerMonth: 10_000,
    apiRequestsPerMonth: 2_000_000,
    routeMix,
    importedRowsPerMonth: 50_000,
    importFilesPerMonth: 10,
    exportsPerMonth: 20,
    exportRows: 50_000,
    postersPerMonth: 200,
    posterViewsPerMonth: 400_000,
    otherMailsPerMonth: 5_000,
  },
  {
    name: 'growth',
    businesses: 5_000_000,
    ownersActivePerMonth: 250_000,
    operators: 600,
    subscribers: 2_000_000,
    newSubscribersPerMonth: 100_000,
    apiRequestsPerMonth: 20_000_000,
    routeMix,
    importedRowsPerMonth: 500_000,
    importFilesPerMonth: 50,
    exportsPerMonth: 100,
    exportRows: 200_000,
    postersPerMonth: 2_000,
    posterViewsPerMonth: 4_000_000,
    otherMailsPerMonth: 50_000,
  },
];

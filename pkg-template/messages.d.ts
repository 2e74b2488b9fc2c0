/** Every text attach() shows. Replace any of them with attach's `messages` option. */
export interface Messages {
  loading: string;
  none: string;
  /** The title over one word to watch (level notice)… */
  notice: string;
  /** …and over several. */
  noticeMany: string;
  warn: string;
  alert: string;
  suggestion: string;
  distressTitle: string;
  distressText: string;
  /** The support for an author who reports abuse done to them (`report.victim`). */
  victimTitle: string;
  victimText: string;
  confirmTitle: string;
  confirmBody: string;
  confirmHint: string;
  rephrase: string;
  sendAnyway: string;
  goToWord: string;
  tooLong: string;
  failed: string;
}

/** The nudges, in French and English, written for 11–15 year olds. */
export const MESSAGES: Readonly<{ fr: Readonly<Messages>; en: Readonly<Messages> }>;

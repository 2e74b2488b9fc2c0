/** One place to find help: a number to show (as text, no link) and what to say about it. */
export interface HelpResource {
  /** Who answers, e.g. 'Net Écoute'. */
  name?: string;
  /** The number, as shown, e.g. '3018'. */
  number?: string;
  /** The sentence to show, per locale (or one sentence for all). */
  text: string | { fr?: string; en?: string };
}

/** The help of one country: for harassment (victims and witnesses), and for thoughts of suicide. */
export interface HelpResources {
  /** ISO 3166 code, for your own bookkeeping. */
  country?: string;
  harassment?: HelpResource | string;
  suicide?: HelpResource | string;
}

/** France: 3018 (Net Écoute, free and anonymous), 3114 (suicide prevention, 24/7, free). */
export const RESOURCES_FR: Readonly<HelpResources>;
/** The United Kingdom: Childline 0800 1111, Samaritans 116 123. */
export const RESOURCES_GB: Readonly<HelpResources>;
/** What attach() uses by default (RESOURCES_FR). */
export const DEFAULT_RESOURCES: Readonly<HelpResources>;

/** Which help fits a distress finding. */
export function supportKind(finding: { rule: string }): 'suicide' | 'harassment';

/** The sentence for `kind` in `locale`, or '' when there is none. */
export function resourceText(resources: HelpResources | null | undefined, kind: 'suicide' | 'harassment', locale: 'fr' | 'en'): string;

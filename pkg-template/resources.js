// Where to find help: plain data, one object per country, replaceable by a site.
// Numbers are given as text (the panel makes the number in each sentence a
// tel: link, for a tap on a phone). attach() shows `harassment` in its help line and in the support
// message for an author who says they are harassed, and `suicide` when the
// author writes about dying or hurting themselves.

/** France: the numbers the project was written for. */
export const RESOURCES_FR = Object.freeze({
  country: 'FR',
  harassment: Object.freeze({
    name: 'Net Écoute',
    number: '3018',
    text: Object.freeze({
      fr: 'Tu es victime ou témoin de harcèlement ? Le 3018, gratuit et anonyme.',
      en: 'Being harassed, or seeing someone harassed? Call 3018: free and anonymous.',
    }),
  }),
  suicide: Object.freeze({
    name: 'Numéro national de prévention du suicide',
    number: '3114',
    text: Object.freeze({
      fr: 'Si tu penses à te faire du mal, appelle le 3114 : 24 h/24, gratuit.',
      en: 'If you are thinking of hurting yourself, call 3114: 24/7, free.',
    }),
  }),
});

/** The United Kingdom, as an example of another country's data. */
export const RESOURCES_GB = Object.freeze({
  country: 'GB',
  harassment: Object.freeze({
    name: 'Childline',
    number: '0800 1111',
    text: Object.freeze({
      fr: 'Tu es victime ou témoin de harcèlement ? Childline, 0800 1111, gratuit.',
      en: 'Being bullied, or seeing someone bullied? Childline: 0800 1111, free.',
    }),
  }),
  suicide: Object.freeze({
    name: 'Samaritans',
    number: '116 123',
    text: Object.freeze({
      fr: 'Si tu penses à te faire du mal, appelle les Samaritans : 116 123, 24 h/24, gratuit.',
      en: 'If you are thinking of hurting yourself, call Samaritans: 116 123, 24/7, free.',
    }),
  }),
});

/** What attach() uses when a site gives no `resources`. */
export const DEFAULT_RESOURCES = RESOURCES_FR;

// Distress rules about dying or self-harm (the rest is about being harassed).
const SUICIDE_RULE = /mourir|suicid|die|en_finir|envie_d_en|scarifie|c_est_la_fin|can_t_take_it|en_peux_plus|kill_myself|self_harm|hurt_myself/;

/**
 * Which help fits a distress finding: 'suicide' (thoughts of dying, self-harm)
 * or 'harassment' (the author says they are harassed, threatened, excluded).
 */
export function supportKind(finding) {
  return SUICIDE_RULE.test(String(finding && finding.rule)) ? 'suicide' : 'harassment';
}

/**
 * The sentence to show for one resource in a locale ('fr' | 'en'), or ''.
 * Falls back to French, then to the number alone.
 */
export function resourceText(resources, kind, locale) {
  const r = resources && resources[kind];
  if (!r) return '';
  if (typeof r === 'string') return r;
  const t = r.text;
  if (typeof t === 'string') return t;
  return (t && (t[locale] || t.fr || t.en)) || (r.number ? String(r.number) : '');
}

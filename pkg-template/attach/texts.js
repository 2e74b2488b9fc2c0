// What attach() says, shared by the panel and the dialog: the texts of a locale (with the site's own
// words), the help lines (numbers as tel: links), the support block, and the list of the words that
// weigh with why.
import { MESSAGES } from '../messages.js';
import { resourceText } from '../resources.js';
import { el } from './dom.js';
import { isDistress } from './policy.js';

/** The texts of `locale`, with the site's `messages` over them. */
export function messagesFor(locale, messages) {
  return { ...MESSAGES[locale] || MESSAGES.fr, ...(messages || {}) };
}

/** The help line under a warning: none (`help: false`), the site's sentence, or the resources'. */
export function helpLine(help, resources, locale) {
  if (help === false) return '';
  if (typeof help === 'string') return help;
  return resourceText(resources, 'harassment', locale);
}

/**
 * `line` as nodes, with the number of `resources[kind]` in it as a `tel:` link (a phone calls it on a
 * tap; elsewhere it is the number, readable as it was).
 */
export function withPhoneLink(line, resources, kind) {
  const r = resources && resources[kind];
  const number = r && typeof r === 'object' && typeof r.number === 'string' ? r.number : '';
  const at = number ? line.indexOf(number) : -1;
  if (at < 0) return [line];
  const link = el('a', 'pdm-tel', number);
  link.href = `tel:${number.replace(/[^\d+]/g, '')}`;
  return [line.slice(0, at), link, line.slice(at + number.length)];
}

/** A `<p class="pdm-help …">` for the help of `kind`, or null when there is none to show. */
function helpParagraph(line, resources, kind, extraClass) {
  if (!line) return null;
  const p = el('p', extraClass ? `pdm-help ${extraClass}` : 'pdm-help');
  p.append(...withPhoneLink(line, resources, kind));
  return p;
}

/**
 * The support block of `advice` (see advise()) for an author who needs it (`support`, most urgent first): a kind title, a
 * sentence, and one line per kind of help, in one `.pdm-support-block`. `t`: the texts `m`, `resources`, `locale`.
 */
export function supportNodes({ support, victim, findings }, t) {
  const distressed = findings.some(isDistress);
  if (!support.length) return [];
  const { m } = t;
  const block = el('div', 'pdm-support-block');
  // A victim's report alone gets words for that; distress (with or without one) its own.
  const victimOnly = victim && !distressed;
  block.append(
    el('p', 'pdm-title', victimOnly ? m.victimTitle : m.distressTitle),
    el('p', 'pdm-text', victimOnly ? m.victimText : m.distressText),
  );
  for (const kind of support) {
    const p = helpParagraph(resourceText(t.resources, kind, t.locale), t.resources, kind, 'pdm-support');
    if (p) block.append(p);
  }
  return [block];
}

/**
 * The help line under a warning (the 3018 by default), or null: none when the site turned it off, or
 * when the support block of `advice` already gives that number.
 */
export function helpNodes({ support }, t) {
  if (typeof t.help !== 'string' && support.includes('harassment')) return null;
  return helpParagraph(helpLine(t.help, t.resources, t.locale), t.resources, 'harassment');
}

/** How many different words `findings` name (what a title's singular or plural follows). */
export const wordCount = (findings) => new Set(findings.filter((f) => !isDistress(f)).map((f) => f.text)).size;

/**
 * "« word » : explanation" items, one per explanation. With `onWord`, the words are buttons: pressing
 * one calls `onWord(finding)` (to select it in the field), after the key event that pressed it, so that
 * an Enter never reaches the field.
 */
export function reasonList(findings, m, onWord) {
  const list = el('ul', 'pdm-reasons');
  const groups = new Map();
  for (const f of findings) {
    if (isDistress(f)) continue;
    let g = groups.get(f.explanation);
    if (!g) groups.set(f.explanation, (g = { explanation: f.explanation, items: [] }));
    if (!g.items.some((x) => x.text === f.text)) g.items.push(f);
  }
  for (const g of groups.values()) {
    const li = el('li');
    g.items.forEach((f, i) => {
      if (i) li.append(', ');
      const label = `« ${f.text} »`;
      if (onWord) {
        const b = el('button', 'pdm-word', label);
        b.type = 'button';
        b.setAttribute('aria-label', `${m.goToWord} ${label}`);
        b.addEventListener('click', () => setTimeout(() => onWord(f), 0));
        li.append(b);
      } else {
        li.append(el('strong', 'pdm-word-text', label));
      }
    });
    li.append(' : ', g.explanation);
    list.append(li);
  }
  return list;
}

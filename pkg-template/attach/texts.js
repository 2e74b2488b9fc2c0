// What attach() says, shared by the panel and the dialog: the texts of a locale (with the site's own
// words), the help line, and the list of the words that weigh with why.
import { MESSAGES } from '../messages.js';
import { resourceText } from '../resources.js';
import { el } from './dom.js';

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
 * "« word » : explanation" items, one per explanation. With `onWord`, the words are buttons: pressing
 * one calls `onWord(finding)` (to select it in the field), after the key event that pressed it, so that
 * an Enter never reaches the field.
 */
export function reasonList(findings, m, onWord) {
  const list = el('ul', 'pdm-reasons');
  const groups = new Map();
  for (const f of findings) {
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

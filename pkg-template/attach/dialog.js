// The confirmation dialog: a modal "Es-tu sûr·e ?" with "Reformuler" (focused first; Escape too)
// and "Publier quand même". It shows and reports the author's answer; what follows is the handle's.
import { el, uniqueId } from './dom.js';

export class ConfirmDialog {
  #dialog;

  /** Adds the (closed) dialog after `after`; `onAnswer(send)` gets true for "send anyway", false for "rephrase". */
  constructor(after, onAnswer) {
    const dialog = el('dialog', 'pdm-dialog');
    const n = uniqueId();
    const title = el('h2', 'pdm-dialog-title');
    title.id = `pdm-confirm-title-${n}`;
    const body = el('div', 'pdm-dialog-body');
    body.id = `pdm-confirm-body-${n}`;
    dialog.setAttribute('aria-labelledby', title.id);
    dialog.setAttribute('aria-describedby', body.id);
    const rephrase = el('button', 'pdm-button pdm-primary pdm-rephrase');
    rephrase.type = 'button';
    rephrase.autofocus = true;
    const anyway = el('button', 'pdm-button pdm-secondary pdm-send-anyway');
    anyway.type = 'button';
    const actions = el('div', 'pdm-actions');
    actions.append(rephrase, anyway);
    dialog.append(title, body, actions);
    rephrase.addEventListener('click', () => onAnswer(false));
    anyway.addEventListener('click', () => onAnswer(true));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault(); // Escape is "rephrase"
      onAnswer(false);
    });
    after.after(dialog);
    this.#dialog = dialog;
  }

  /** Opens it as a modal with the texts `m` and `body` (nodes) under the title; the focus goes to "rephrase". */
  open(m, body) {
    const dialog = this.#dialog;
    dialog.querySelector('.pdm-dialog-title').textContent = m.confirmTitle;
    dialog.querySelector('.pdm-rephrase').textContent = m.rephrase;
    dialog.querySelector('.pdm-send-anyway').textContent = m.sendAnyway;
    dialog.querySelector('.pdm-dialog-body').replaceChildren(...body);
    dialog.showModal();
    dialog.querySelector('.pdm-rephrase').focus();
  }

  close() {
    this.#dialog.close();
  }

  remove() {
    if (this.#dialog.open) this.#dialog.close();
    this.#dialog.remove();
  }
}

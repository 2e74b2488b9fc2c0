// The field attach() watches: what kind it is, its text, where an offset of that text sits in the DOM,
// and where findings sit after an edit. Offsets are UTF-16 code units, as in the reports.

const TEXT_INPUT_TYPES = ['text', 'search', 'email', 'url', 'tel', ''];

/** 'textarea', 'input' (a text one) or 'editable' (contenteditable); null for anything else. */
export function fieldKind(el) {
  if (el instanceof HTMLTextAreaElement) return 'textarea';
  if (el instanceof HTMLInputElement && TEXT_INPUT_TYPES.includes(el.getAttribute('type') ?? '')) return 'input';
  if (el instanceof HTMLElement && el.isContentEditable) return 'editable';
  return null;
}

/** The text of a contenteditable element, and where each text node sits in it. */
export function readEditable(root) {
  let text = '';
  const segs = [];
  const BLOCK = /^(DIV|P|LI|UL|OL|H[1-6]|BLOCKQUOTE|PRE|SECTION|ARTICLE|TR)$/;
  const walk = (node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        segs.push({ node: child, start: text.length });
        text += child.data;
      } else if (child.nodeType === 1) {
        if (child.nodeName === 'BR') {
          text += '\n';
          continue;
        }
        const block = BLOCK.test(child.nodeName);
        if (block && text && !text.endsWith('\n')) text += '\n';
        walk(child);
        if (block && text && !text.endsWith('\n')) text += '\n';
      }
    }
  };
  walk(root);
  return { text, segs };
}

/** The current text of a field of `kind`. */
export function readField(field, kind) {
  return kind === 'editable' ? readEditable(field).text : field.value;
}

/** A DOM position for a UTF-16 offset of readEditable()'s text. */
export function positionAt(segs, offset, preferNext) {
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    const end = s.start + s.node.data.length;
    if (offset < end || (offset === end && !preferNext) || (offset === end && i === segs.length - 1)) {
      if (offset >= s.start) return { node: s.node, offset: offset - s.start };
    }
  }
  return null;
}

/** Findings of `old` report moved along an edit from oldText to text; those the edit touched are dropped. */
export function carryOver(findings, oldText, text) {
  if (!findings.length || oldText === text) return findings;
  let p = 0;
  const max = Math.min(oldText.length, text.length);
  while (p < max && oldText.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && oldText.charCodeAt(oldText.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  const oldEditEnd = oldText.length - s;
  const delta = text.length - oldText.length;
  const out = [];
  for (const f of findings) {
    if (f.end <= p) out.push(f);
    else if (f.start >= oldEditEnd) out.push({ ...f, start: f.start + delta, end: f.end + delta });
  }
  return out;
}

/** Puts the focus back in the field with `f` selected (or the caret at the end). */
export function selectSpan(field, kind, f) {
  field.focus();
  const text = readField(field, kind);
  if (kind !== 'editable') {
    if (f && text.slice(f.start, f.end) === f.text) field.setSelectionRange(f.start, f.end);
    else field.setSelectionRange(text.length, text.length);
    return;
  }
  const { segs } = readEditable(field);
  const a = f && text.slice(f.start, f.end) === f.text ? positionAt(segs, f.start, true) : null;
  const b = a ? positionAt(segs, f.end, false) : null;
  const sel = field.ownerDocument.getSelection();
  const range = document.createRange();
  if (a && b) {
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
  } else {
    range.selectNodeContents(field);
    range.collapse(false);
  }
  sel.removeAllRanges();
  sel.addRange(range);
}

//! The syntax of the lexicon files: pattern lines (`(a|b)`, `x?`, `{CLASS}`, a trailing `*`), their
//! columns, the class files and the explanations.

use super::entry::{err, Explanation, LexiconError};
#[cfg(any(test, feature = "lexicon-compiler"))]
use super::entry::{E_ADJ, E_IDENT, E_IDIOM, E_NOUN, E_SELF, E_TARGET, E_THING, E_WEAK};
use super::fxhash::HashMap;
use crate::category::Category;

/// At most this many phrases from one class reference (classes may nest).
pub(super) const MAX_EXPANSION: usize = 20_000;

/// A class of words usable as `{NAME}` in patterns (borrowed from the file).
pub(super) type Classes<'a> = HashMap<&'a str, Vec<&'a str>>;

#[cfg(any(test, feature = "lexicon-compiler"))]
pub(super) fn parse_severity(s: &str) -> Option<u8> {
    match s.trim() {
        "1" => Some(1),
        "2" => Some(2),
        "3" => Some(3),
        _ => None,
    }
}

#[cfg(any(test, feature = "lexicon-compiler"))]
pub(super) fn parse_flags(s: &str) -> Result<u16, String> {
    let mut flags = 0;
    for f in s.split(',').map(str::trim).filter(|f| !f.is_empty() && *f != "-") {
        flags |= match f {
            "target" => E_TARGET,
            "weak" => E_WEAK,
            "noun" => E_NOUN,
            "adj" => E_ADJ,
            "self" => E_SELF,
            "idiom" => E_IDIOM,
            "thing" => E_THING,
            "ident" => E_IDENT,
            _ => return Err(format!("unknown flag {f:?}")),
        };
    }
    Ok(flags)
}

pub(super) fn parse_classes<'a>(name: &str, content: &'a str) -> Result<Classes<'a>, LexiconError> {
    let mut classes = Classes::default();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (class, members) =
            line.split_once('\t').ok_or_else(|| err(format!("{name}:{}", n + 1), "expected NAME<TAB>a|b|c"))?;
        let members = members.split('\t').next().unwrap_or("");
        classes.entry(class.trim()).or_default().extend(members.split('|').map(str::trim).filter(|m| !m.is_empty()));
    }
    Ok(classes)
}

pub(super) fn parse_explanations(content: &str) -> Vec<Explanation> {
    let mut out: Vec<Explanation> = Category::ALL
        .iter()
        .map(|_| Explanation {
            fr: "Ces mots peuvent blesser la personne qui les lit.".into(),
            en: "These words can hurt the person who reads them.".into(),
        })
        .collect();
    for line in content.lines() {
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if let (Some(c), Some(fr), Some(en)) =
            (cols.first().and_then(|c| Category::from_name(c.trim())), cols.get(1), cols.get(2))
        {
            out[c as usize] = Explanation { fr: fr.trim().into(), en: en.trim().into() };
        }
    }
    out
}

/// A pattern line split into items, every alternative of every item written end to end in one buffer
/// (reused from one line to the next: no allocation per alternative).
#[derive(Debug, Default)]
pub(super) struct Pattern {
    /// The alternatives, end to end.
    pub(super) text: String,
    /// Alternative `k` is `text[alts[k].0..alts[k].1]`.
    pub(super) alts: Vec<(u32, u32)>,
    pub(super) items: Vec<Item>,
    /// The last word is a stem (`pendre*`).
    pub(super) stem: bool,
    /// Where the items are in the line.
    pub(super) bounds: Vec<(usize, usize)>,
}

/// One element of a pattern line: its alternative phrases (one for a plain word), maybe optional.
#[derive(Clone, Copy, Debug)]
pub(super) struct Item {
    /// `Pattern::alts[alts.0..alts.1]`.
    pub(super) alts: (u32, u32),
    pub(super) optional: bool,
}

impl Pattern {
    pub(super) fn alt(&self, k: usize) -> &str {
        let (s, e) = self.alts[k];
        &self.text[s as usize..e as usize]
    }

    fn push_alt(&mut self, alt: &str) {
        let start = self.text.len() as u32;
        self.text.push_str(alt);
        self.alts.push((start, self.text.len() as u32));
    }
}

/// Splits a pattern line into items: words, `(a|b)` groups, `{CLASS}` references, each maybe `?`.
pub(super) fn parse_pattern(pattern: &str, classes: &Classes, out: &mut Pattern) -> Result<(), String> {
    out.text.clear();
    out.alts.clear();
    out.items.clear();
    out.stem = false;
    let pattern = pattern.trim();
    // Items are separated by whitespace outside parentheses and braces. The whole line is checked before
    // any item is expanded, so that an unbalanced line reports that first.
    let bytes = pattern.as_bytes();
    let mut depth = 0i32;
    let mut start = None;
    out.bounds.clear();
    for i in 0..=bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(b' ');
        let space = match b {
            b'(' | b'{' => {
                depth += 1;
                false
            }
            b')' | b'}' => {
                depth -= 1;
                if depth < 0 {
                    return Err("unbalanced parenthesis or brace".into());
                }
                false
            }
            // Any Unicode space separates: decoded at its first byte, the others are skipped.
            0x80..=0xBF => continue,
            0xC0.. => pattern[i..].chars().next().is_some_and(char::is_whitespace),
            _ => (b as char).is_whitespace(),
        };
        if !(space && depth == 0) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.bounds.push((s, i));
        }
    }
    if depth != 0 {
        return Err("unbalanced parenthesis or brace".into());
    }
    if out.bounds.is_empty() {
        return Err("empty pattern".into());
    }
    for k in 0..out.bounds.len() {
        let (s, e) = out.bounds[k];
        parse_item(&pattern[s..e], k + 1 == out.bounds.len(), classes, out)?;
    }
    Ok(())
}

pub(super) fn parse_item(mut raw: &str, last: bool, classes: &Classes, out: &mut Pattern) -> Result<(), String> {
    if raw.ends_with('*') && !raw.ends_with(")*") && last && raw.len() > 1 {
        raw = &raw[..raw.len() - 1];
        out.stem = true;
    }
    let optional = raw.len() > 1 && raw.ends_with('?');
    if optional {
        raw = &raw[..raw.len() - 1];
    }
    let from = out.alts.len();
    if raw.starts_with('(') && raw.ends_with(')') {
        // Alternatives are separated by `|` outside braces; the last one ends the group.
        let inner = &raw[1..raw.len() - 1];
        let (mut depth, mut start) = (0, 0);
        for (i, &b) in inner.as_bytes().iter().enumerate().chain([(inner.len(), &b'|')]) {
            match b {
                b'{' => depth += 1,
                b'}' => depth -= 1,
                b'|' if depth == 0 || i == inner.len() => {
                    expand_classes(trim(&inner[start..i]), classes, out)?;
                    start = i + 1;
                }
                _ => {}
            }
        }
    } else {
        expand_classes(raw, classes, out)?;
    }
    // The alternatives of this item are the end of `out.text`.
    let Some(&(first, _)) = out.alts.get(from) else {
        return Err(format!("{raw:?} has no alternatives"));
    };
    if out.text.as_bytes()[first as usize..].iter().any(|b| matches!(b, b'(' | b')' | b'|' | b'?')) {
        return Err(format!("unexpected operator in {raw:?} (groups cannot nest)"));
    }
    out.items.push(Item { alts: (from as u32, out.alts.len() as u32), optional });
    Ok(())
}

/// `s.trim()`, without decoding characters when `s` starts and ends with visible ASCII.
pub(super) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Replaces `{NAME}` references in a phrase by each member of the class, appending the phrases to `out`.
pub(super) fn expand_classes(phrase: &str, classes: &Classes, out: &mut Pattern) -> Result<(), String> {
    let Some(open) = phrase.find('{') else {
        out.push_alt(phrase);
        return Ok(());
    };
    let close = phrase[open..].find('}').ok_or("unclosed {")? + open;
    let name = &phrase[open + 1..close];
    if name == "NUM" {
        // Any number: a slot of its own, matched on number tokens (see `NUM_PHRASE`).
        if phrase != "{NUM}" {
            return Err("{NUM} must stand alone, not inside a phrase".into());
        }
        out.push_alt(phrase);
        return Ok(());
    }
    let members = classes.get(name).ok_or_else(|| format!("unknown class {{{name}}}"))?;
    let from = out.alts.len();
    let mut replaced = String::new();
    for m in members {
        replaced.clear();
        replaced.push_str(&phrase[..open]);
        replaced.push_str(m);
        replaced.push_str(&phrase[close + 1..]);
        expand_classes(&replaced, classes, out)?;
        if out.alts.len() - from > MAX_EXPANSION {
            return Err("class expansion too large".into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_items_and_alternatives() {
        let classes = Classes::from_iter([("TE", vec!["te", "t'"])]);
        let parse = |line: &str| {
            let mut p = Pattern::default();
            parse_pattern(line, &classes, &mut p).map(|()| {
                let alts = |i: &Item| (i.alts.0..i.alts.1).map(|k| p.alt(k as usize).to_string()).collect::<Vec<_>>();
                (p.items.iter().map(|i| (alts(i), i.optional)).collect::<Vec<_>>(), p.stem)
            })
        };
        let item = |alts: &[&str], optional| (alts.iter().map(|a| a.to_string()).collect::<Vec<_>>(), optional);
        // Any Unicode space separates items; alternatives are trimmed; `|` inside braces is not a separator.
        assert_eq!(
            parse("a\u{a0}b ( c| {TE} )?\u{3000}d*"),
            Ok((
                vec![item(&["a"], false), item(&["b"], false), item(&["c", "te", "t'"], true), item(&["d"], false)],
                true
            ))
        );
        assert_eq!(parse("(a||b)"), Ok((vec![item(&["a", "", "b"], false)], false)));
        assert_eq!(parse("(a(b))"), Err("unexpected operator in \"(a(b))\" (groups cannot nest)".into()));
        assert_eq!(parse("(a|b)*"), Err("unexpected operator in \"(a|b)*\" (groups cannot nest)".into()));
        assert_eq!(parse("{NOPE} a)"), Err("unbalanced parenthesis or brace".into()));
    }

    #[test]
    fn pattern_syntax_errors_are_reported() {
        let classes = Classes::default();
        for bad in ["(a|b", "a)", "{NOPE}", "", "(a|(b|c))"] {
            assert!(parse_pattern(bad, &classes, &mut Pattern::default()).is_err() || bad.is_empty(), "{bad:?}");
        }
        let mut p = Pattern::default();
        parse_pattern("va (te|t')? pendre*", &classes, &mut p).unwrap();
        assert_eq!(p.items.len(), 3);
        assert!(p.items[1].optional && p.stem);
    }
}

//! The normaliser's tests: the skeleton of tricky texts, and its fast paths against the general ones.

use super::raw::MAX_PENDING;
use super::segment::WordBounds;
use super::*;
use crate::normalized::{TokenKind, T_CLAUSE, T_ELIDED, T_QUOTED, T_SENTENCE};
use unicode_segmentation::UnicodeSegmentation;

fn skeleton(text: &str) -> String {
    String::from_utf8(normalize(text).text).unwrap()
}

fn spans(text: &str) -> Vec<&str> {
    normalize(text).tokens.iter().map(|t| &text[t.orig.0 as usize..t.orig.1 as usize]).collect()
}

#[test]
fn long_pending_runs_are_folded_early_and_spelled_words_stay_whole() {
    // Words that are no plain word (`x2x`) wait as raw tokens; past MAX_PENDING of them, those
    // before a spelled-out run are folded, wherever the bound falls inside the run.
    for before in MAX_PENDING - 10..MAX_PENDING + 3 {
        let text = format!("{}c o n n a r d fin", "x2x ".repeat(before));
        let n = normalize(&text);
        assert_eq!(n.tokens.len(), before + 2, "{before} tokens before");
        assert_eq!(n.token_text(before), b"conard", "{before} tokens before");
        let general = normalize_without_shortcuts(&text);
        assert_eq!((&general.text, &general.runs), (&n.text, &n.runs), "{before} tokens before");
    }
    // Single letters only: a run is folded every MAX_PENDING letters, every letter kept.
    let text: String = (0..1000).map(|i| format!("{} ", (b'a' + (i % 10) as u8) as char)).collect();
    let n = normalize(&text);
    assert_eq!(n.tokens.len(), 1000_usize.div_ceil(MAX_PENDING));
    assert!(n.tokens.iter().all(|t| ((t.norm.1 - t.norm.0) as usize) <= MAX_PENDING));
    let letters: usize = (0..n.tokens.len()).map(|i| n.token_text(i).len()).sum();
    assert_eq!(letters, 1000);
}

#[test]
fn plain_word_shortcuts_change_nothing() {
    // `segment_into` writes plain words (`salut`, `salut,`, `t'es`) straight into the skeleton; without
    // that shortcut every segment takes the general path. Both must give the same skeleton, runs,
    // flags, offsets and tokens, whatever surrounds the words: spelled letters, elisions, glue, masks,
    // punctuation, quotes, marks (U+0618 is alphabetic: after a space, UAX #29 makes it a word
    // segment that glues to the word before).
    let palette = [
        "salut", "Tu", "es", "con", "c", "o", "n", "a", "t", "j", "qu", "l", "t'", "j'", "qu'", "Qu’", "aujourd'",
        "hui", "é", "Élève", "ça", "' ", "'", "’", " ", " ", "  ", ",", ".", ";", ":", "?", "!", "-", "_", "*", "@",
        "$", "3", "0", "\"", "«", "»", "\n", "\u{200b}", "\u{301}", "\u{618}", "😀", "ß", "œ", "×", "...",
    ];
    let mut rand = crate::invariants::xorshift(0xC0FF_EE00_D15E_A5E5u64);
    for _ in 0..20_000 {
        let mut text = String::new();
        for _ in 0..rand(14) {
            text.push_str(palette[rand(palette.len())]);
        }
        let fast = normalize(&text);
        let general = normalize_without_shortcuts(&text);
        assert_eq!(format!("{fast:?}"), format!("{general:?}"), "{text:?}");
    }
}

#[test]
fn word_bounds_match_unicode_segmentation() {
    let palette = [
        "a", "Z", "e", "0", "7", " ", " ", "  ", ".", ",", ";", ":", "'", "\"", "_", "-", "!", "?", "*", "@", "\r",
        "\n", "\r\n", "\t", "\u{b}", "\u{c}", "\u{7f}", "é", "É", "\u{301}", "\u{200d}", "\u{200b}", "\u{ad}",
        "\u{a0}", "\u{202f}", "\u{3000}", "\u{2003}", "\u{1680}", "’", "·", "…", "😀", "👍🏽", "🇫", "🇷", "カ", "ー", "א",
        "日", "٣", "\u{fe0f}", "\u{2060}", "\u{85}", "\u{2028}", "ｃ", "𝐜", "ß", "œ", "ÿ", "×", "÷", "À", "ā", "ſ",
        "Ÿ", "ž", "ǅ", "ª", "µ", "‘", "‛", "’’", "\u{2018}",
    ];
    let latin = ["é", "É", "ß", "œ", "ÿ", "À", "ā", "ſ", "Ÿ", "ž", "×", "÷", "’", "’’", "ç"];
    let mut rand = crate::invariants::xorshift(0x9E37_79B9_7F4A_7C15u64);
    for round in 0..60_000 {
        let len = 1 + rand(if round % 10 == 0 { 40 } else { 12 });
        // A third only ASCII, a third only what the fast path segments (ASCII, Latin letters, ’), a third
        // anything.
        let mut text = String::new();
        for _ in 0..len {
            let piece = match round % 3 {
                0 => palette[rand(27)],
                1 => match rand(27 + latin.len()) {
                    k if k < 27 => palette[k],
                    k => latin[k - 27],
                },
                _ => palette[rand(palette.len())],
            };
            text.push_str(piece);
        }
        let want: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
        let got: Vec<(usize, &str)> = WordBounds::new(&text).collect();
        assert_eq!(got, want, "{text:?}");
        // As `segment_into` reads them: plain words first, then the iterator.
        let mut bounds = WordBounds::new(&text);
        let mut got = Vec::new();
        loop {
            if let Some(w) = bounds.plain_word() {
                for (s, e) in [(w.start, w.end), (w.end, w.punct_end), (w.punct_end, w.spaces_end)] {
                    if e > s {
                        got.push((s, &text[s..e]));
                    }
                }
                continue;
            }
            let Some(next) = bounds.next() else { break };
            got.push(next);
        }
        assert_eq!(got, want, "{text:?} (with plain words)");
    }
}

#[test]
fn folds_case_accents_and_ligatures() {
    let table = [
        ("Élève ÇA où", " eleve ca ou "),
        ("cœur Æsop straße", " coeur aesop strase "),
        ("e\u{301}le\u{300}ve", " eleve "),
        ("ＣＯＮＮＡＲＤ", " conard "),
        ("𝐜𝐨𝐧𝐧𝐚𝐫𝐝", " conard "),
        ("сопnаrd", " conard "), // Cyrillic с, о, а
        ("ᴄᴏɴɴᴀʀᴅ", " conard "),
        ("", " "),
        ("!!! ...", " "),
    ];
    for (input, want) in table {
        assert_eq!(skeleton(input), want, "{input:?}");
    }
}

#[test]
fn collapses_runs_and_remembers_them() {
    let n = normalize("connaaaard");
    assert_eq!(n.text, b" conard ");
    assert_eq!(&n.runs[1..7], &[1, 1, 2, 4, 1, 1]);
}

#[test]
fn leetspeak_only_inside_words_with_letters() {
    let table = [
        ("c0nn4rd", " conard "),
        ("s@lope", " salope "),
        ("$alope", " salope "),
        ("m€rde", " merde "),
        ("b!te", " bite "),
        ("2024", " 2024 "),
        ("1", " 1 "),
        ("06 12 34", " 06 12 34 "),
    ];
    for (input, want) in table {
        assert_eq!(skeleton(input), want, "{input:?}");
    }
}

#[test]
fn splits_elisions_and_keeps_other_apostrophes() {
    assert_eq!(skeleton("t'es qu'un aujourd'hui"), " t es qu un aujourdhui ");
    assert_eq!(skeleton("T’ES"), " t es ");
    // A double quote typed for an apostrophe is one, and opens no quotation.
    let n = normalize("t\"es trop con");
    assert_eq!(n.text, b" t es trop con ");
    assert!(n.tokens.iter().all(|t| t.flags & T_QUOTED == 0));
    assert_ne!(normalize("il a dit \"con\"").tokens[3].flags & T_QUOTED, 0);
    let n = normalize("t'es");
    assert_ne!(n.tokens[0].flags & T_ELIDED, 0);
}

#[test]
fn joins_separated_letters_and_masks() {
    let table = [
        ("c.o.n.n.a.r.d", " conard "),
        ("c o n n a r d", " conard "),
        ("c-o-n-n-a-r-d", " conard "),
        ("c_o_n", " con "),
        ("con\u{200B}nard", " conard "),
        ("con\u{00AD}nard", " conard "),
        ("c*nnard", " c*nard "),
        ("p***", " p*** "),
        ("il y a", " il y a "),
    ];
    for (input, want) in table {
        assert_eq!(skeleton(input), want, "{input:?}");
    }
    assert_eq!(spans("t'es un c o n n a r d !"), ["t", "es", "un", "c o n n a r d"]);
    assert_eq!(spans("p*** de m*rde"), ["p***", "de", "m*rde"]);
}

#[test]
fn mentions_and_trailing_punctuation() {
    let n = normalize("@kevin t'es con!");
    assert_eq!(n.tokens[0].kind, TokenKind::Mention);
    assert_eq!(n.text, b" kevin t es con ");
    assert_eq!(spans("@kevin t'es con!"), ["@kevin", "t", "es", "con"]);
}

#[test]
fn sentence_clause_and_quote_flags() {
    let n = normalize("salut. il a dit « sale con », bref");
    let f: Vec<u8> = n.tokens.iter().map(|t| t.flags).collect();
    assert_ne!(f[0] & T_SENTENCE, 0);
    assert_ne!(f[1] & T_SENTENCE, 0);
    assert_ne!(f[4] & T_QUOTED, 0);
    assert_eq!(f[6] & T_QUOTED, 0);
    assert_ne!(f[6] & T_CLAUSE, 0);
}

#[test]
fn offset_map_points_at_original_bytes() {
    let text = "😀 t'es nul";
    let n = normalize(text);
    for (i, &b) in n.text.iter().enumerate() {
        let (s, e) = n.orig.ranges[i];
        assert!(s <= e && (e as usize) <= text.len());
        assert!(text.is_char_boundary(s as usize) && text.is_char_boundary(e as usize));
        if b != b' ' {
            assert!(s < e, "byte {i} maps to an empty range");
        }
    }
    assert_eq!(n.token_text(2), b"nul");
    let t = n.tokens[2];
    assert_eq!(&text[t.orig.0 as usize..t.orig.1 as usize], "nul");
}

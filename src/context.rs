//! Context rules: who the words are aimed at, and whether they are negated, reported or self-talk.
//!
//! The rules look at a small window of tokens around each match, never past a sentence boundary, so each
//! match costs a bounded amount of work. They use the skeleton forms of words (`t'es` → `t` `es`).

use crate::lexicon::{Hit, Lexicon, E_ADJ, E_ALLOW, E_IDIOM, E_MULTI, E_NOUN, E_SELF, E_TARGET, E_WEAK};
use crate::normalize::{Normalized, TokenKind, T_CLAUSE, T_ELIDED, T_HYPHEN, T_QUOTED, T_SENTENCE};
use crate::Category;

/// Who the words are aimed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// The reader: second person, vocative, @mention, or a pattern that addresses by itself.
    Direct,
    /// A third person: `il est …`, `c'est un …`.
    Third,
    /// No one in particular.
    Nobody,
}

/// How the words are said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Frame {
    /// Said by the author, as meant.
    Plain,
    /// Reported or quoted (`il m'a traité de …`, `« … »`), or counter-speech (`arrête de dire …`).
    Reported,
    /// About the author (`je suis trop nul`).
    SelfTalk,
}

/// A match with its context.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Judged {
    pub hit: Hit,
    pub target: Target,
    pub frame: Frame,
}

/// How far the rules look, in tokens.
const LOOK_BACK: usize = 6;
const LOOK_AHEAD: usize = 4;

static SECOND_PERSON: Words = words(&[
    "tu", "t", "te", "toi", "ton", "ta", "tes", "vous", "votre", "vos", "ty", "u", "you", "your", "ur", "yourself",
    "urself", "youre",
]);
static THIRD_PERSON: Words = words(&[
    "il", "elle", "ils", "elles", "lui", "c", "ce", "cette", "cet", "he", "she", "hes", "shes", "they", "theyre",
]);
static COPULAS: Words = words(&[
    "es", "est", "etes", "sont", "suis", "etait", "etais", "sera", "seras", "ete", "is", "are", "am", "was", "re",
]);
static NEGATIONS: Words = words(&["pas", "jamais", "point", "not", "nt", "never", "aucunement", "nullement"]);
/// Words that may stand between a negation or a copula and the word it applies to.
static FILLERS: Words = words(&[
    "un",
    "une",
    "des",
    "du",
    "de",
    "si",
    "aussi",
    "trop",
    "tellement",
    "vraiment",
    "completement",
    "totalement",
    "tres",
    "assez",
    "le",
    "la",
    "les",
    "grave",
    "trop",
    "plus",
    "moins",
    "a",
    "an",
    "the",
    "so",
    "that",
    "really",
    "very",
    "too",
    "such",
    "meme",
    "juste",
    "encore",
    "toujours",
    "vrm",
    "tlmt",
    "tjr",
    "tjrs",
    "surtout",
    "bien",
    "carrement",
    "franchement",
    "genre",
    "qu",
    "grave",
    "super",
    "hyper",
    "autant",
    "plutot",
]);
/// Words that introduce reported speech or counter-speech.
static REPORT_CUES: Words = words(&[
    "traite",
    "traitee",
    "traites",
    "traitees",
    "traiter",
    "traitait",
    "traitent",
    "appele",
    "appelee",
    "appeler",
    "appelait",
    "surnomme",
    "surnommee",
    "dit",
    "dis",
    "dire",
    "disait",
    "disent",
    "dites",
    "ecrit",
    "ecrire",
    "insulte",
    "insultee",
    "insulter",
    "repete",
    "repeter",
    "entendu",
    "mot",
    "mots",
    "said",
    "say",
    "says",
    "called",
    "call",
    "word",
    "words",
    "quoted",
]);
static FIRST_PERSON_SUBJECT: Words = words(&["je", "j", "moi", "i", "im"]);
static FIRST_PERSON_COPULA: Words =
    words(&["chui", "chuis", "jsuis", "jsui", "jss", "chu", "jsui", "jme", "suis", "sens", "trouve", "am", "m"]);
/// Words before a noun that aim it at someone: `espèce de X`, `sale X`, `bande de X`.
static INSULT_FRAMES: Words =
    words(&["espece", "sale", "sales", "bande", "gros", "grosse", "pauvre", "putain", "fils", "fille", "tete", "face"]);

/// Whether token `i` is one of `words`. Skeletons have letter runs collapsed (`called` → `caled`), so the
/// words are compared the same way.
fn is_one_of(n: &Normalized, i: usize, words: &[&str]) -> bool {
    i < n.tokens.len() && {
        let tok = n.token_text(i);
        // The first byte rules out almost every word at once (tokens are never empty).
        words.iter().any(|w| w.as_bytes().first() == tok.first() && same_collapsed(tok, w.as_bytes()))
    }
}

/// A named word list for [`is_in`], its words grouped by first letter when the program is compiled: a
/// token is compared with the few words that begin like it, not with the whole list.
struct Words {
    list: &'static [&'static str],
    /// Indexes into `list`, by bucket of the first byte (see [`bucket`]).
    order: [u8; Words::MAX],
    /// Bucket `k` is `order[start[k]..start[k + 1]]`.
    start: [u8; 28],
    /// The skeleton length of `list[k]` (repeated letters collapsed): most words of a bucket are told
    /// apart from a token by their length alone.
    lens: [u8; Words::MAX],
}

impl Words {
    const MAX: usize = 160;
}

/// `a`..`z` are buckets 0..25; any other first byte is bucket 26.
const fn bucket(first: u8) -> usize {
    if first.is_ascii_lowercase() {
        (first - b'a') as usize
    } else {
        26
    }
}

const fn words(list: &'static [&'static str]) -> Words {
    assert!(list.len() <= Words::MAX, "a word list has at most Words::MAX words");
    let mut order = [0u8; Words::MAX];
    let mut start = [0u8; 28];
    let mut at = 0;
    let mut b = 0;
    while b < 27 {
        start[b] = at as u8;
        let mut k = 0;
        while k < list.len() {
            let w = list[k].as_bytes();
            assert!(!w.is_empty(), "no empty word in a list");
            if bucket(w[0]) == b {
                order[at] = k as u8;
                at += 1;
            }
            k += 1;
        }
        b += 1;
    }
    start[27] = at as u8;
    let mut lens = [0u8; Words::MAX];
    let mut k = 0;
    while k < list.len() {
        let w = list[k].as_bytes();
        let mut j = 0;
        while j < w.len() {
            if !repeats_previous(w, j) {
                lens[k] += 1;
            }
            j += 1;
        }
        k += 1;
    }
    Words { list, order, start, lens }
}

/// Whether token `i` is one of `words`, like [`is_one_of`].
fn is_in(n: &Normalized, i: usize, words: &Words) -> bool {
    i < n.tokens.len() && {
        let tok = n.token_text(i);
        let b = bucket(tok[0]);
        let bucket = &words.order[words.start[b] as usize..words.start[b + 1] as usize];
        bucket.iter().any(|&k| {
            words.lens[k as usize] as usize == tok.len() && same_collapsed(tok, words.list[k as usize].as_bytes())
        })
    }
}

/// Whether `word[j]` repeats the letter before it: the skeleton keeps one of a run of letters.
const fn repeats_previous(word: &[u8], j: usize) -> bool {
    j > 0 && word[j - 1] == word[j] && word[j].is_ascii_lowercase()
}

fn same_collapsed(skeleton: &[u8], word: &[u8]) -> bool {
    let mut k = 0;
    for (j, &b) in word.iter().enumerate() {
        if repeats_previous(word, j) {
            continue;
        }
        if skeleton.get(k) != Some(&b) {
            return false;
        }
        k += 1;
    }
    k == skeleton.len()
}

/// Index of the first token of the sentence that contains token `i`, at most `LOOK_BACK` back.
fn window_start(n: &Normalized, i: usize, boundary: u8) -> usize {
    let mut s = i;
    while s > 0 && i - s < LOOK_BACK && n.tokens[s].flags & boundary == 0 {
        s -= 1;
    }
    s
}

/// The token ranges of the hits of entries with `flag`, sorted by start, each end replaced by the furthest
/// end so far (so one binary search tells whether a token or a range lies inside one of them), as
/// `(first, end, 0)` (see `sort_triples`).
fn reach_index(hits: &[Hit], lex: &Lexicon, flag: u16) -> Vec<(u32, u32, u32)> {
    let mut ranges: Vec<(u32, u32, u32)> = hits
        .iter()
        .filter(|h| lex.entries[h.entry as usize].has(flag))
        .map(|h| (h.tokens.0 as u32, h.tokens.1 as u32, 0))
        .collect();
    crate::sort_triples(&mut ranges);
    let mut reach = 0;
    for r in &mut ranges {
        reach = reach.max(r.1);
        r.1 = reach;
    }
    ranges
}

/// Judges every hit, drops the ones context cancels, and resolves overlaps.
pub(crate) fn judge(n: &Normalized, mut hits: Vec<Hit>, lex: &Lexicon) -> Vec<Judged> {
    let has_mention = n.tokens.iter().any(|t| t.kind == TokenKind::Mention);
    // Site allowlist: hits inside an allowed phrase are dropped.
    // Sorted by start, each end replaced by the furthest end so far: a hit lies inside an allowed phrase iff
    // the furthest end among the phrases starting at or before it reaches its end. O(log n) per hit, where
    // testing every phrase was quadratic on a long text full of allowed terms.
    let allowed = reach_index(&hits, lex, E_ALLOW);
    // Built-in innocent set phrases: a hit whose last word lies inside one is dropped ("t'es mort de rire").
    let idioms = reach_index(&hits, lex, E_IDIOM);
    hits.retain(|h| {
        let (first, end) = (h.tokens.0 as u32, h.tokens.1 as u32);
        let k = allowed.partition_point(|a| a.0 <= first);
        let last = end - 1;
        let i = idioms.partition_point(|a| a.0 <= last);
        !lex.entries[h.entry as usize].has(E_ALLOW | E_IDIOM)
            && (k == 0 || allowed[k - 1].1 < end)
            && (i == 0 || idioms[i - 1].1 <= last)
    });
    let mut judged = Vec::with_capacity(hits.len());
    for hit in hits {
        let entry = &lex.entries[hit.entry as usize];
        let (first, last) = hit.tokens;
        if !entry.has(E_MULTI) && in_compound(n, first, last) {
            continue; // "pique-nique", "porc-épic": part of another word
        }
        let Some(frame) = frame(n, first, last, entry.flags) else {
            continue; // negated: "t'es pas nul"
        };
        if entry.has(E_TARGET) && first > 0 && n.tokens[first].flags & T_CLAUSE == 0 && is_in(n, first - 1, &SUBJECTS) {
            continue; // "je retourne en Algérie", "il va crever de chaud": a subject, so no imperative
        }
        let target = if entry.has(E_TARGET) || entry.category == Category::Doxxing {
            Target::Direct
        } else if entry.has(E_ADJ) && !entry.has(E_NOUN) && !entry.has(E_MULTI) {
            // An adjective insults someone only as what they *are*: "t'es moche", "espèce de moche";
            // "une grosse voiture", "un film nul" aim at no one.
            predicate_target(n, first)
        } else if entry.has(E_WEAK) && (!entry.has(E_MULTI) || entry.has(E_NOUN)) {
            // A word with an innocent sense insults only when it is said *of* someone: "t'es un chien",
            // "espèce de chien", "chien !"; "ton chien est mignon" aims at no one.
            match predicate_target(n, first) {
                Target::Nobody => vocative(n, first, last, entry.flags),
                t => t,
            }
        } else {
            target(n, first, last, entry.flags, has_mention)
        };
        // "il est con", "elles sont folles": a weak word said of a person; "ce sont des déchets" may be literal.
        let said_of_person = target == Target::Third && personal_subject(n, first);
        if entry.has(E_WEAK) && target != Target::Direct && !said_of_person {
            continue; // "ma chatte a eu des chatons"
        }
        judged.push(Judged { hit, target, frame });
    }
    resolve_overlaps(judged, lex)
}

/// Whether the message speaks to someone (a second-person word or an @mention): the learned layer's
/// findings are `targeted` then.
pub(crate) fn addresses_someone(n: &Normalized) -> bool {
    (0..n.tokens.len()).any(|i| n.tokens[i].kind == TokenKind::Mention || is_in(n, i, &SECOND_PERSON))
}

/// Words that carry no meaning of their own (articles, pronouns, prepositions, auxiliaries): the learned
/// layer never shows one of them alone as a word that weighs.
static FUNCTION_WORDS: Words = words(&[
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "a", "ce", "cet", "cette", "ces", "mon",
    "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs", "je", "j",
    "tu", "t", "il", "elle", "on", "nous", "vous", "ils", "elles", "me", "m", "te", "se", "s", "toi", "moi", "lui",
    "y", "en", "et", "ou", "mais", "donc", "car", "ni", "que", "qu", "qui", "quoi", "dont", "est", "es", "suis",
    "sont", "etes", "etait", "ai", "as", "avez", "ont", "avait", "pour", "par", "avec", "sans", "sur", "sous", "dans",
    "chez", "c", "ca", "ne", "n", "pas", "plus", "tres", "trop", "si", "bien", "tout", "tous", "toute", "toutes",
    "meme", "aussi", "comme", "quand", "alors", "va", "vas", "fait", "fais", "etre", "avoir", "the", "an", "to", "of",
    "and", "or", "you", "i", "it", "is", "are", "be", "in", "that", "this", "my", "your", "me", "we", "they", "its",
    "was", "have", "has", "do", "did", "not", "so", "for", "with", "at", "but", "im", "dont",
]);

/// Whether token `i` is a word with no meaning of its own (see `FUNCTION_WORDS`).
pub(crate) fn is_function_word(n: &Normalized, i: usize) -> bool {
    is_in(n, i, &FUNCTION_WORDS)
}

/// Subject pronouns: a verb after one of them is no imperative aimed at the reader.
static SUBJECTS: Words = words(&["je", "j", "il", "elle", "on", "nous", "ils", "elles"]);

/// Pronouns that attach to a verb with a hyphen (`crève-toi`, `dis-le`): they do not make a compound word.
static CLITICS: Words = words(&[
    "toi", "moi", "te", "le", "la", "les", "lui", "nous", "vous", "leur", "leurs", "en", "y", "t", "ce", "je", "tu",
    "il", "elle", "on", "ils", "elles", "la", "ci",
]);

/// Whether tokens `first..last` are one part of a hyphenated compound whose other part is a real word.
fn in_compound(n: &Normalized, first: usize, last: usize) -> bool {
    let joined_before = n.tokens[first].flags & T_HYPHEN != 0 && first > 0 && !is_in(n, first - 1, &CLITICS);
    let joined_after = last < n.tokens.len() && n.tokens[last].flags & T_HYPHEN != 0 && !is_in(n, last, &CLITICS);
    joined_before || joined_after
}

/// `None` when the words are negated; otherwise how they are said.
fn frame(n: &Normalized, first: usize, last: usize, flags: u16) -> Option<Frame> {
    if n.tokens[first..last].iter().any(|t| t.flags & T_QUOTED != 0) {
        return Some(Frame::Reported);
    }
    let start = window_start(n, first, T_CLAUSE);
    // Walk back over fillers from the word: what stands right before it?
    let mut k = first;
    while k > start && is_in(n, k - 1, &FILLERS) {
        k -= 1;
    }
    if flags & E_MULTI == 0 && k > start && is_in(n, k - 1, &NEGATIONS) {
        // "t'es pas nul", "c'est pas un connard", "ne sois pas con"; but "pas que con" stays.
        return None;
    }
    if flags & E_SELF == 0 && k > start {
        let before = k - 1;
        let self_talk = is_one_of(n, before, &["chui", "chuis", "jsuis", "jsui", "jss", "chu", "im"])
            || (is_in(n, before, &FIRST_PERSON_COPULA)
                && before > start
                && is_in(n, before - 1, &FIRST_PERSON_SUBJECT))
            || (is_one_of(n, before, &["sens", "trouve"])
                && before > start + 1
                && n.token_is(before - 1, "me")
                && is_in(n, before - 2, &FIRST_PERSON_SUBJECT));
        if self_talk {
            return Some(Frame::SelfTalk);
        }
    }
    let sentence = window_start(n, first, T_SENTENCE);
    for i in (sentence..first).rev() {
        if is_one_of(n, i, &["que", "qu", "that"]) {
            break; // "je te dis que t'es un …" is said, not reported
        }
        if first - i > LOOK_BACK {
            break; // "il m'a traité de …" puts the cue right before the words it reports
        }
        if is_in(n, i, &REPORT_CUES) && !said_by_author(n, i, first, sentence) {
            return Some(Frame::Reported);
        }
    }
    Some(Frame::Plain)
}

/// Verbs of saying that are the author's own words, not a report: `t'as rien à dire, sous-merde`,
/// `tu dis encore un truc pareil je te …`, `c'est bien ce que je disais`.
fn said_by_author(n: &Normalized, cue: usize, first: usize, sentence: usize) -> bool {
    if !is_one_of(
        n,
        cue,
        &["dit", "dis", "dire", "disait", "disais", "dites", "disent", "ecrit", "ecrire", "mot", "mots"],
    ) {
        return false;
    }
    // "dis-le, sale hypocrite": an imperative at the start of a clause is the author speaking;
    // "vous dites de la merde, sucez …": a new clause after the verb of saying is not what was said.
    if n.tokens[cue].flags & T_CLAUSE != 0 && !is_one_of(n, cue, &["mot", "mots"]) {
        return true;
    }
    if (cue + 1..=first).any(|k| k < n.tokens.len() && n.tokens[k].flags & T_CLAUSE != 0) {
        return true;
    }
    let before = |k: usize| cue >= sentence + k && cue >= k;
    (before(1) && is_one_of(n, cue - 1, &["tu", "je", "j", "jte", "te", "t"]))
        || (before(2)
            && is_one_of(n, cue - 2, &["rien", "tu", "je"])
            && !is_one_of(n, cue - 1, &["m", "l", "lui", "leur"]))
}

fn target(n: &Normalized, first: usize, last: usize, flags: u16, has_mention: bool) -> Target {
    if has_mention {
        return Target::Direct;
    }
    let sentence = window_start(n, first, T_SENTENCE);
    if (sentence..first).any(|i| is_in(n, i, &SECOND_PERSON)) {
        return Target::Direct;
    }
    let end = (last + LOOK_AHEAD).min(n.tokens.len());
    let ahead_end = (last..end).find(|&i| n.tokens[i].flags & T_SENTENCE != 0).unwrap_or(end);
    if (last..ahead_end).any(|i| is_in(n, i, &SECOND_PERSON)) {
        return Target::Direct;
    }
    // "espèce de X", "sale X", "bande de X"
    let mut k = first;
    while k > sentence && is_one_of(n, k - 1, &["de", "d"]) {
        k -= 1;
    }
    if k > sentence && is_in(n, k - 1, &INSULT_FRAMES) {
        return Target::Direct;
    }
    if vocative(n, first, last, flags) == Target::Direct {
        return Target::Direct;
    }
    let mut k = first;
    while k > sentence && is_in(n, k - 1, &FILLERS) {
        k -= 1;
    }
    if k > sentence && is_in(n, k - 1, &COPULAS) && k - 1 > sentence && is_in(n, k - 2, &THIRD_PERSON) {
        return Target::Third;
    }
    if (sentence..first).any(|i| is_in(n, i, &THIRD_PERSON)) {
        return Target::Third;
    }
    Target::Nobody
}

/// A noun alone at the edge of a clause addresses the reader: "connard !", "ferme-la connard",
/// "t'as vu ça, bouffon".
fn vocative(n: &Normalized, first: usize, last: usize, flags: u16) -> Target {
    if (flags & E_ADJ != 0 || flags & E_MULTI != 0) && flags & E_NOUN == 0 {
        return Target::Nobody; // adjectives and whole sentences are not ways of calling someone
    }
    let clause_start = n.tokens[first].flags & T_CLAUSE != 0;
    let clause_end = last >= n.tokens.len() || n.tokens[last].flags & T_CLAUSE != 0;
    if clause_start || clause_end {
        let s = window_start(n, first, T_CLAUSE);
        let limit = (last + LOOK_AHEAD).min(n.tokens.len());
        let e = (last..limit).find(|&i| n.tokens[i].flags & T_CLAUSE != 0).unwrap_or(limit);
        // A short clause made of the word alone ("connard !", "bande de nuls, …"), but not an exclamation
        // about a thing ("quelle queue !").
        let determined = (s..first).any(|i| is_in(n, i, &DETERMINERS) && !is_one_of(n, i, &["de", "d"]));
        if n.tokens[s].flags & T_CLAUSE != 0 && e - s <= last - first + 2 && !determined {
            return Target::Direct;
        }
    }
    // "une crasseuse comme toi", "des bouffons comme vous"
    if is_one_of(n, last, &["comme"]) && is_one_of(n, last + 1, &["toi", "vous", "ta", "ton", "tes"]) {
        return Target::Direct;
    }
    if clause_end && !clause_start && first > 0 {
        // "qu'est-ce que tu racontes, mongol" without the comma: a noun that ends the clause after a verb
        // or an interjection, not after a determiner or a preposition ("j'adore ton chien").
        let prev = first - 1;
        if !is_in(n, prev, &DETERMINERS) && !is_in(n, prev, &COPULAS) && !is_in(n, prev, &FILLERS) {
            return Target::Direct;
        }
        // "salut les cons", "wesh les bouffons"
        if is_one_of(n, prev, &["les"]) && prev > 0 && is_in(n, prev - 1, &GREETINGS) {
            return Target::Direct;
        }
    }
    Target::Nobody
}

/// Words after which a noun is an object or a complement, not a way of calling someone.
static DETERMINERS: Words = words(&[
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "du",
    "de",
    "d",
    "au",
    "aux",
    "a",
    "ce",
    "cet",
    "cette",
    "ces",
    "mon",
    "ma",
    "mes",
    "ton",
    "ta",
    "tes",
    "son",
    "sa",
    "ses",
    "notre",
    "nos",
    "votre",
    "vos",
    "leur",
    "leurs",
    "en",
    "pour",
    "avec",
    "sans",
    "sur",
    "sous",
    "dans",
    "par",
    "chez",
    "comme",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "plusieurs",
    "tous",
    "toutes",
    "tout",
    "toute",
    "chaque",
    "aucun",
    "aucune",
    "vers",
    "entre",
    "contre",
    "y",
    "the",
    "an",
    "my",
    "his",
    "her",
    "their",
    "of",
    "to",
    "in",
    "on",
    "with",
    "for",
    "this",
    "these",
    "those",
    "some",
    "any",
    "our",
    "its",
    "et",
    "ou",
    "and",
    "or",
    "un",
    "deux",
    "trois",
    "mes",
    "petit",
    "petite",
    "vieux",
    "vieille",
    "bon",
    "bonne",
    "beau",
    "belle",
    "mauvais",
    "mauvaise",
    "vrai",
    "vraie",
    "faux",
    "fausse",
    "premier",
    "premiere",
    "dernier",
    "derniere",
    "autre",
    "autres",
    "meme",
    "quelque",
    "quelques",
    "certains",
    "certaines",
    "que",
    "qu",
    "qui",
    "dont",
    "ou",
    "si",
    "ne",
    "n",
    "pas",
    "plus",
    "jamais",
    "rien",
]);
static GREETINGS: Words = words(&[
    "salut", "bonjour", "coucou", "wesh", "yo", "hey", "bonsoir", "cc", "slt", "hello", "hi", "ciao", "bye", "adieu",
    "tchao",
]);

/// Verbs that make an adjective say what the second person is (`tu deviens moche`, `je te trouve nul`).
static SECOND_PERSON_COPULAS: Words = words(&[
    "es",
    "est",
    "etes",
    "etais",
    "seras",
    "serais",
    "deviens",
    "devenez",
    "restes",
    "sembles",
    "parais",
    "paraissez",
    "trouve",
    "trouvent",
    "trouvons",
    "are",
    "re",
]);
/// SMS spellings of `t'es` written as one word: `tes moche`, `t moche`, `tè nul`.
static SMS_YOU_ARE: Words = words(&["tes", "t", "te", "tu", "ur", "vs", "u"]);

/// Who an adjective is said of: only a predicate (`t'es X`, `vous êtes X`, `il est X`) or an insult
/// frame (`espèce de X`, `sale X`) aims it at someone.
fn predicate_target(n: &Normalized, first: usize) -> Target {
    let sentence = window_start(n, first, T_SENTENCE);
    let mut k = first;
    while k > sentence && (is_in(n, k - 1, &FILLERS) || is_one_of(n, k - 1, &["qu", "que", "rien", "seulement"])) {
        k -= 1;
    }
    if k == sentence {
        return Target::Nobody;
    }
    let prev = k - 1;
    if is_in(n, prev, &SECOND_PERSON_COPULAS) {
        let subject = prev.checked_sub(1).filter(|&s| s >= sentence);
        return match subject {
            Some(s) if is_one_of(n, s, &["t", "tu", "vous", "te", "you", "u"]) => Target::Direct,
            Some(s) if is_one_of(n, s, &["c", "ce", "ca", "it", "its", "that", "this"]) => Target::Nobody,
            Some(_) if is_one_of(n, prev, &["est", "etait"]) => Target::Third,
            _ => Target::Nobody,
        };
    }
    if is_one_of(n, prev, &["sont", "etaient"]) && prev > sentence && is_one_of(n, prev - 1, &["ils", "elles", "ce"]) {
        return Target::Third; // "ils sont cons", "ce sont des cons"
    }
    if is_one_of(n, prev, &["toi", "vous"]) && k < first {
        return Target::Direct; // "c'est toi le bouffon", "toi la folle"
    }
    if is_in(n, prev, &SMS_YOU_ARE) && n.tokens[prev].flags & T_ELIDED == 0 {
        return Target::Direct; // "tes moche", "t nul"
    }
    let mut j = k;
    while j > sentence && is_one_of(n, j - 1, &["de", "d"]) {
        j -= 1;
    }
    if j > sentence && is_in(n, j - 1, &INSULT_FRAMES) {
        return Target::Direct;
    }
    Target::Nobody
}

/// Whether a personal pronoun is the subject of the copula right before token `first` (`il est X`,
/// `elles sont des X`), within three tokens.
fn personal_subject(n: &Normalized, first: usize) -> bool {
    let start = first.saturating_sub(4);
    (start..first).any(|i| is_one_of(n, i, &["il", "elle", "ils", "elles"]))
        && (start..first).any(|i| is_one_of(n, i, &["est", "sont", "etait", "etaient"]))
}

/// Keeps findings sorted and non-overlapping: a longer pattern wins over the words inside it; between
/// partly overlapping matches, the more severe one (then the longer one) wins; between matches of the
/// same words, the entry that comes first in the files (French first).
fn resolve_overlaps(mut judged: Vec<Judged>, lex: &Lexicon) -> Vec<Judged> {
    use std::cmp::Reverse;
    judged.sort_by_key(|j| (j.hit.orig.0, Reverse(j.hit.orig.1), j.hit.entry));
    let mut out: Vec<Judged> = Vec::with_capacity(judged.len());
    for j in judged {
        match out.last() {
            Some(prev) if j.hit.orig.0 < prev.hit.orig.1 => {
                let contained = j.hit.orig.1 <= prev.hit.orig.1;
                let better = |a: &Judged| {
                    let e = &lex.entries[a.hit.entry as usize];
                    (e.severity, a.hit.orig.1 - a.hit.orig.0)
                };
                if !contained && better(&j) > better(prev) {
                    *out.last_mut().expect("checked") = j;
                }
            }
            _ => out.push(j),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    /// The index of the first token that reads `word`.
    fn at(n: &Normalized, word: &str) -> usize {
        (0..n.tokens.len()).find(|&i| n.token_is(i, word)).unwrap_or_else(|| panic!("no {word:?}"))
    }

    #[test]
    fn context_words_compare_with_runs_collapsed() {
        assert!(same_collapsed(b"caled", b"called"));
        assert!(same_collapsed(b"apele", b"appele"));
        assert!(!same_collapsed(b"cale", b"called"));
        assert!(!same_collapsed(b"caleds", b"called"));
    }

    #[test]
    fn named_word_lists_find_each_of_their_words() {
        let lists = [
            &SECOND_PERSON,
            &THIRD_PERSON,
            &COPULAS,
            &NEGATIONS,
            &FILLERS,
            &REPORT_CUES,
            &FIRST_PERSON_SUBJECT,
            &FIRST_PERSON_COPULA,
            &INSULT_FRAMES,
            &SUBJECTS,
            &CLITICS,
            &DETERMINERS,
            &GREETINGS,
            &SECOND_PERSON_COPULAS,
            &SMS_YOU_ARE,
            &FUNCTION_WORDS,
        ];
        for words in lists {
            assert_eq!(words.start[27] as usize, words.list.len(), "every word is in one bucket");
            for w in words.list {
                let n = normalize(w);
                assert_eq!(n.tokens.len(), 1, "{w:?} is one token");
                assert!(is_in(&n, 0, words), "{w:?}");
                assert_eq!(is_in(&n, 0, words), is_one_of(&n, 0, words.list));
            }
            for other in ["zz", "connard", "ta", "qu", "x"] {
                let n = normalize(other);
                assert_eq!(is_in(&n, 0, words), is_one_of(&n, 0, words.list), "{other:?}");
            }
        }
    }

    #[test]
    fn adjectives_aim_only_as_predicates() {
        let table = [
            ("t'es moche", "moche", Target::Direct),
            ("tes trop moche", "moche", Target::Direct),
            ("vous êtes vraiment nuls", "nuls", Target::Direct),
            ("espèce de moche", "moche", Target::Direct),
            ("il est vraiment moche", "moche", Target::Third),
            ("c'est nul", "nul", Target::Nobody),
            ("une grosse voiture", "grose", Target::Nobody),
            ("ton film est nul", "nul", Target::Third),
        ];
        for (text, word, want) in table {
            let n = normalize(text);
            assert_eq!(predicate_target(&n, at(&n, word)), want, "{text}");
        }
    }

    #[test]
    fn vocatives() {
        let table = [
            ("connard !", "conard", Target::Direct),
            ("qu'est-ce que tu racontes mongol", "mongol", Target::Direct),
            ("salut les cons", "cons", Target::Direct),
            ("une crasseuse comme toi", "craseuse", Target::Direct),
            ("j'adore ton chien", "chien", Target::Nobody),
            ("longue, quelle queue", "queue", Target::Nobody),
        ];
        for (text, word, want) in table {
            let n = normalize(text);
            let i = at(&n, word);
            assert_eq!(vocative(&n, i, i + 1, E_NOUN), want, "{text}");
        }
    }

    #[test]
    fn personal_subjects() {
        let n = normalize("il est con");
        assert!(personal_subject(&n, 2));
        let n = normalize("ce sont des déchets");
        assert!(!personal_subject(&n, 3));
    }
}

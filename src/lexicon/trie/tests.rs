//! The trie against a brute-force search, and its recorded layout read back.

use super::Trie;
use crate::lexicon::layout::TrieBuilder;
use crate::lexicon::leb128::Reader;

/// The trie of `patterns`, and each one's number in it. Pushes the first pattern twice, which must
/// not make a pattern of its own.
fn trie(patterns: &[Vec<u8>]) -> (Trie, Vec<u32>) {
    let mut t = TrieBuilder::with_capacity(0, 0);
    for (i, p) in patterns.iter().enumerate() {
        assert_eq!(t.push(p), i as u32);
    }
    t.push(&patterns[0]);
    let (trie, mut numbers, layout) = t.build_recording(true);
    // Read back, the recorded layout is the same trie, and names each pattern with its number, in the
    // order of their bytes.
    let mut named = Vec::new();
    let mut r = Reader { bytes: &layout, at: 0 };
    let read = Trie::read(&mut r, |bytes, p| {
        named.push((bytes.to_vec(), p));
        Some(())
    })
    .expect("a recorded layout");
    assert!(read == trie, "the trie read back differs");
    assert_eq!(r.at, layout.len());
    let mut want: Vec<(Vec<u8>, u32)> = patterns.iter().cloned().zip(numbers.iter().copied()).collect();
    want.sort();
    assert_eq!(named, want);
    assert_eq!(named.iter().map(|n| n.1).collect::<Vec<_>>(), (0..patterns.len() as u32).collect::<Vec<_>>());
    for (bytes, p) in &named {
        assert_eq!(trie.find(bytes), Some(*p));
        assert_eq!(
            trie.find(&bytes[..bytes.len() - 1]),
            named.iter().find(|n| n.0 == bytes[..bytes.len() - 1]).map(|n| n.1)
        );
    }
    assert_eq!(numbers.pop(), Some(numbers[0]));
    let mut distinct = numbers.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct, (0..patterns.len() as u32).collect::<Vec<_>>(), "one number per distinct pattern");
    assert_eq!(trie.patterns(), patterns.len());
    (trie, numbers)
}

/// Every match of the trie, with the patterns given by their index in `pats`.
fn matches(pats: &[Vec<u8>], text: &[u8]) -> Vec<(usize, usize, usize)> {
    let (trie, numbers) = trie(pats);
    let mut got = Vec::new();
    trie.for_each_match(text, |s, e, p| {
        got.push((s, e, numbers.iter().position(|&n| n as usize == p).expect("a pushed pattern")))
    });
    got
}

fn brute_force(pats: &[Vec<u8>], text: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut want = Vec::new();
    for s in 0..text.len() {
        let mut here: Vec<(usize, usize, usize)> = pats
            .iter()
            .enumerate()
            .filter(|(_, p)| text[s..].starts_with(p))
            .map(|(i, p)| (s, s + p.len(), i))
            .collect();
        here.sort_by_key(|&(_, e, _)| e);
        want.extend(here);
    }
    want
}

#[test]
fn finds_every_overlapping_occurrence() {
    let mut pats: Vec<Vec<u8>> = [" con ", " con", " conard ", " sale ", " sale con ", "a", "ab", "b"]
        .iter()
        .map(|p| p.as_bytes().to_vec())
        .collect();
    let text = b" sale con conard ab ";
    assert_eq!(matches(&pats, text), brute_force(&pats, text));
    // Many children per node: the dense rows.
    for w in ["cb", "ca", "cc", "ce", "cd", "cf", "cg", "c", "b a", "d", "e", "f", "g"] {
        pats.push(format!(" {w} ").into_bytes());
        pats.push(format!(" {w}").into_bytes());
    }
    let text = b" ca cb cc cd ce cf cg ch b a b c d e f g h a sale con conard ab z~ ";
    assert_eq!(matches(&pats, text), brute_force(&pats, text));
}

#[test]
fn a_tail_longer_than_a_chain_takes_several_nodes() {
    // The longest chain a node holds is MAX_CHAIN bytes (its length has 23 bits): a longer tail is cut
    // into chains, each ending at the node of the next; found, read back and walked like any other.
    use super::{CHAIN, MAX_CHAIN};
    let long: Vec<u8> = [b" b".as_slice(), &vec![b'c'; 2 * MAX_CHAIN + 5], b" "].concat();
    let pats = vec![b" a ".to_vec(), long.clone()];
    let (trie, numbers) = trie(&pats);
    let chains = trie.nodes.iter().filter(|n| n.labels & CHAIN != 0).count();
    assert_eq!(chains, 3, "the long tail is three chains (the one byte after ` a` is a plain child)");
    let mut text = long.clone();
    text.extend_from_slice(b"a ");
    let mut got = Vec::new();
    trie.for_each_match(&text, |s, e, p| got.push((s, e, p)));
    assert_eq!(got, [(0, long.len(), numbers[1] as usize), (long.len() - 1, text.len(), numbers[0] as usize)]);
    // One byte short, or one wrong byte inside the second chain, and the long pattern is not there.
    let mut changed = long.clone();
    changed[MAX_CHAIN + 10] = b'd';
    for text in [&long[..long.len() - 1], &changed[..]] {
        trie.for_each_match(text, |_, _, _| panic!("a match"));
    }
}

#[test]
fn a_trie_without_patterns_finds_nothing() {
    let (trie, numbers, layout) = TrieBuilder::with_capacity(0, 0).build_recording(true);
    assert_eq!((trie.patterns(), numbers.len()), (0, 0));
    let read = Trie::read(&mut Reader { bytes: &layout, at: 0 }, |_, _| None).expect("an empty layout");
    assert!(read == trie);
    trie.for_each_match(b" con ", |_, _, _| panic!("a match"));
    assert_eq!(trie.find(b" con "), None);
}

#[test]
fn layouts_cut_or_changed_are_refused_or_read_without_a_panic() {
    let pats: Vec<&[u8]> = vec![b" con ", b" conard ", b" sale ", b" sale con ", b" salaud ", b" c ", b" cc "];
    let mut t = TrieBuilder::with_capacity(0, 0);
    for p in &pats {
        t.push(p);
    }
    let (_, _, layout) = t.build_recording(true);
    for len in 0..layout.len() {
        assert!(Trie::read(&mut Reader { bytes: &layout[..len], at: 0 }, |_, _| Some(())).is_none(), "cut at {len}");
    }
    for at in 0..layout.len() {
        for byte in [0, 1, 2, 0x20, 0x7F, 0x80, 0xFF] {
            let mut changed = layout.clone();
            changed[at] = byte;
            if let Some(trie) = Trie::read(&mut Reader { bytes: &changed, at: 0 }, |_, _| Some(())) {
                trie.for_each_match(b" sale con conard salaud cc ", |_, _, _| {});
            }
        }
    }
}

/// Where `one` says so, an `i` of the text is also an `l` of a pattern, at most twice per match.
#[test]
fn an_i_written_one_is_also_an_l() {
    let mut next = crate::invariants::xorshift(0x2545_F491_4F6C_DD1D);
    let letters = b"ilia ";
    for round in 0..300 {
        // Every other round, every pattern starts with a space, as the lexicon's do (the walks then
        // take two letters at once where they can).
        let spaced = round % 2 == 1;
        let mut pats: Vec<Vec<u8>> = Vec::new();
        for _ in 0..1 + next(30) {
            let mut p: Vec<u8> = (0..1 + next(7)).map(|_| letters[next(4)]).collect();
            if spaced {
                p.insert(0, b' ');
            }
            if !pats.contains(&p) {
                pats.push(p);
            }
        }
        let text: Vec<u8> = (0..50).map(|_| letters[next(5)]).collect();
        let one = |i: usize| (i * 7 + round) % 3 != 0;
        let (trie, numbers) = trie(&pats);
        let mut got = Vec::new();
        trie.for_each_match_at(&text, one, 0..text.len(), |s, e, p, ones| {
            got.push((s, e, numbers.iter().position(|&n| n as usize == p).unwrap(), ones))
        });
        got.sort();
        let mut want = Vec::new();
        for s in 0..text.len() {
            for (k, p) in pats.iter().enumerate() {
                let Some(t) = text.get(s..s + p.len()) else { continue };
                let ones = (0..p.len()).filter(|&j| p[j] != t[j]).count();
                let fits = (0..p.len()).all(|j| p[j] == t[j] || (p[j] == b'l' && t[j] == b'i' && one(s + j)));
                if fits && ones <= 2 {
                    want.push((s, s + p.len(), k, ones as u8));
                }
            }
        }
        want.sort();
        assert_eq!(got, want, "patterns {pats:?}, text {text:?}");
    }
}

#[test]
fn random_patterns_match_like_brute_force() {
    // A small alphabet makes shared prefixes, patterns that are prefixes of others, and wide nodes.
    let mut next = crate::invariants::xorshift(0x9E37_79B9_7F4A_7C15);
    for round in 0..200 {
        let alphabet = if round % 2 == 0 { 3 } else { 20 };
        // Half the rounds, every pattern starts with a space, as the lexicon's do: walks from a space
        // then start below the root.
        let spaced = round % 4 >= 2;
        let mut pats: Vec<Vec<u8>> = Vec::new();
        for _ in 0..1 + next(40) {
            let len = 1 + next(6);
            let mut p: Vec<u8> = (0..len).map(|_| b'a' + next(alphabet) as u8).collect();
            if spaced {
                p.insert(0, b' ');
            }
            if !pats.contains(&p) {
                pats.push(p);
            }
        }
        let text: Vec<u8> = (0..60)
            .map(|_| match next(alphabet + 1) {
                r if spaced && r == alphabet => b' ',
                r => b'a' + r as u8,
            })
            .collect();
        assert_eq!(matches(&pats, &text), brute_force(&pats, &text), "patterns {pats:?}");
    }
}

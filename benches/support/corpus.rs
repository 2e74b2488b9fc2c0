//! A deterministic generator of French messages for the benchmarks: kind and harassing, short (≈ 60
//! characters), typical (≈ 280) and long (≈ 10 KB). Every fragment below was written for this project
//! (no third-party text). The same seed always gives the same corpus, natively and, through
//! `native --write-corpus`, in the JavaScript benchmarks.

/// Kind fragments: chat between pupils, with a few traps for naive filters (Scunthorpe words, negation).
const KIND: &[&str] = &[
    "salut, tu viens au foot ce soir ?",
    "merci pour ton aide sur l'exercice de maths",
    "on se retrouve devant le collège à 8h",
    "j'ai trop aimé ta vidéo, le montage est super propre",
    "bon anniversaire !! passe une super journée 🎉",
    "tu as fini le devoir d'histoire ? je bloque sur la question 3",
    "le conseil municipal a voté pour le nouveau skatepark",
    "ma chatte a eu des chatons ce matin, ils sont trop mignons",
    "t'es pas nul du tout, tu progresses vite",
    "je te passe le lien du groupe de révision",
    "quelqu'un a vu mon sweat bleu ? je l'ai oublié au gymnase",
    "franchement la fin de la série m'a mis une claque 😂",
    "ce week-end on part chez ma grand-mère en Bretagne",
    "la prof a dit que l'interro est reportée à jeudi",
    "grave, la cantine était bonne aujourd'hui",
    "tu peux m'expliquer la technique pour le salto ?",
    "bravo à toute la classe pour le spectacle ❤️",
    "je suis trop content, on a gagné le match 3 à 1",
    "n'oublie pas ta calculatrice demain",
    "elle est trop forte en dessin, regarde son compte",
    "on fait un exposé sur les volcans avec Inès et Yanis",
    "il pleut encore, on annule la sortie au parc ?",
    "j'ai raté le bus, j'arrive dans dix minutes",
    "c'est qui le con... cours de maths ? ah non c'est le concours de chant",
    "la salle de sport est fermée pour travaux",
    "trop bien ton nouveau sac, tu l'as acheté où ?",
    "on peut réviser ensemble à la médiathèque samedi",
    "mdr ton chat qui tombe du canapé 😹",
    "je te conseille ce livre, il est vraiment génial",
    "tu me prêtes ton cahier de SVT stp ?",
];

/// Harassing fragments, with the obfuscations authors use.
const HARSH: &[&str] = &[
    "t'es vraiment un connard",
    "ferme ta gueule sale con",
    "va te pendre, personne ne t'aime",
    "espèce de c0nnard",
    "t'es qu'une s@lope",
    "fils de pute je vais te défoncer",
    "CONNAAAARD",
    "t'es un c o n n a r d",
    "on va tous te bloquer du groupe, dégage",
    "t'es grosse et moche, personne veut de toi",
    "je sais où tu habites, fais gaffe",
    "nique ta mère",
    "ta gueule le bouffon",
    "t'es trop nul, sale débile",
    "va t'pendre sérieux",
    "p*** de m*rde t'es relou",
    "putain t'es une vraie pute",
    "@lucas t'es qu'un abruti",
    "t'es un 𝐜𝐨𝐧𝐧𝐚𝐫𝐝",
    "sale pd, dégage de là",
];

const JOINERS: &[&str] = &[". ", " ", ", ", " !! ", "\n", " ... ", " ? "];

/// splitmix64: tiny, deterministic, good enough to shuffle fragments.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

/// One message of about `target` characters. A harassing message is mostly ordinary words with one
/// harassing fragment per ≈ 200 characters (at least one), as in real chats.
pub fn message(rng: &mut Rng, target: usize, harsh: bool) -> String {
    let mut out = String::new();
    let mut harsh_due = harsh;
    let mut since_harsh = 0usize;
    // `out`'s length in characters, kept as it grows (counting it again at each turn was quadratic).
    let mut chars = 0;
    while chars < target {
        if !out.is_empty() {
            let joiner = rng.pick(JOINERS);
            out.push_str(joiner);
            chars += joiner.chars().count();
        }
        let use_harsh = harsh && (harsh_due || (since_harsh > 200 && rng.below(3) == 0));
        let frag = if use_harsh { rng.pick(HARSH) } else { rng.pick(KIND) };
        if use_harsh {
            harsh_due = false;
            since_harsh = 0;
        } else {
            since_harsh += frag.len();
        }
        // Now and then a shout or a stretched word, as people type.
        let piece = match rng.below(10) {
            0 => frag.to_uppercase(),
            _ => frag.to_string(),
        };
        out.push_str(&piece);
        chars += piece.chars().count();
    }
    out
}

/// A named set of messages.
pub struct Set {
    pub name: &'static str,
    pub messages: Vec<String>,
}

/// The benchmark corpus: `short`, `typical` and `long`, each split into kind and harassing halves.
pub fn corpus() -> Vec<Set> {
    let mut rng = Rng::new(0x706f_6964_7364_6573); // "poidsdes"
    let mut sets = Vec::new();
    for (name, len, count) in [("short", 60, 2000), ("typical", 280, 1000), ("long", 10_000, 40)] {
        for (class, harsh) in [("kind", false), ("harassing", true)] {
            let messages = (0..count).map(|_| message(&mut rng, len, harsh)).collect();
            let name: &'static str = Box::leak(format!("{name}-{class}").into_boxed_str());
            sets.push(Set { name, messages });
        }
    }
    sets
}

/// A text of about `bytes` bytes made of typical messages (half kind, half harassing), one per line. The
/// same messages at every size (a shorter text is the start of a longer one), so that costs per byte
/// compare like with like.
pub fn text_of(bytes: usize) -> String {
    let mut rng = Rng::new(0x5CA1E);
    let mut out = String::with_capacity(bytes + 400);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&message(&mut rng, 280, i % 2 == 1));
        out.push('\n');
        i += 1;
    }
    let mut end = bytes.min(out.len());
    while !out.is_char_boundary(end) {
        end -= 1;
    }
    out.truncate(end);
    out
}

/// The corpus as JSON (`{"set": ["message", …], …}`), for the JavaScript benchmarks.
pub fn to_json(sets: &[Set]) -> String {
    let mut out = String::from("{\n");
    for (k, set) in sets.iter().enumerate() {
        out.push_str(&format!("  {:?}: [\n", set.name));
        for (i, m) in set.messages.iter().enumerate() {
            out.push_str("    \"");
            for c in m.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('"');
            out.push_str(if i + 1 < set.messages.len() { ",\n" } else { "\n" });
        }
        out.push_str(if k + 1 < sets.len() { "  ],\n" } else { "  ]\n" });
    }
    out.push_str("}\n");
    out
}

//! Adversarial inputs: does `analyze` stay linear in time and bounded in memory?
//!
//! ```sh
//! cargo run --release --example adversarial                              # print the table
//! cargo run --release --example adversarial -- --update docs/robustness.md   # rewrite its table
//! cargo run --release --example adversarial -- --check                    # fail on superlinear time or memory
//! ```
//!
//! Each input is generated at 100 KB and at 1 MB (10⁵ and 10⁶ bytes of UTF-8, cut on a character
//! boundary; 10⁶ bytes is under the JS limit of 2²⁰ UTF-16 code units for every input). Time is the best
//! of several runs; memory is the peak of bytes allocated during the call (a counting global allocator),
//! beyond what was allocated before it. Linear time shows as a 1 MB / 100 KB ratio close to 10;
//! quadratic would be close to 100. `--check` fails when a ratio is above 20 or a peak above 64 bytes
//! per input byte: generous bounds, so that a noisy CI machine does not fail, and a quadratic step does.
use poids_des_mots::{Analyzer, Options};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

/// Counts live bytes and their peak.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call forwards to `System` with the same arguments; the counters do not touch memory.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        System.dealloc(p, layout);
        CURRENT.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = System.realloc(p, layout, new_size);
        if !q.is_null() {
            if new_size >= layout.size() {
                let now = CURRENT.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const SMALL: usize = 100_000;
const LARGE: usize = 1_000_000;

/// `unit` repeated up to `bytes` bytes, cut on a character boundary.
fn repeat(unit: &str, bytes: usize) -> String {
    let mut s = unit.repeat(bytes / unit.len() + 1);
    let mut cut = bytes;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.truncate(cut);
    s
}

/// Letters from a small xorshift generator: one long word with no repetition pattern.
fn random_word(bytes: usize) -> String {
    let mut x: u32 = 0x9E37_79B9;
    (0..bytes)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (b'a' + (x % 26) as u8) as char
        })
        .collect()
}

struct Input {
    name: &'static str,
    /// Uses the analyzer with site options (extra and allowed terms).
    site: bool,
    make: fn(usize) -> String,
}

fn inputs() -> Vec<Input> {
    macro_rules! rep {
        ($name:expr, $unit:expr) => {
            Input { name: $name, site: false, make: |n| repeat($unit, n) }
        };
    }
    vec![
        rep!("one letter repeated (`aaaa…`)", "a"),
        rep!("spelled with dots, no space (`c.o.n.n.a.r.d.` ×)", "c.o.n.n.a.r.d."),
        rep!("spelled with dots and spaces (`c.o.n.n.a.r.d ` ×)", "c.o.n.n.a.r.d "),
        rep!("single letters and spaces (`a b c …`)", "a "),
        rep!("spelled insult with spaces (`c o n n a r d ` ×)", "c o n n a r d "),
        Input { name: "one word of random letters", site: false, make: random_word },
        rep!("emoji (`😀` ×, 250k emoji at 1 MB)", "😀"),
        rep!("ZWJ family emoji (`👨‍👩‍👧‍👦` ×)", "👨\u{200D}👩\u{200D}👧\u{200D}👦"),
        rep!("regional indicators, odd count (`🇫` ×)", "🇫"),
        rep!("zalgo (a letter and 30 combining marks ×)", "c\u{0300}\u{0301}\u{0302}\u{0303}\u{0304}\u{0305}\u{0306}\u{0307}\u{0308}\u{0309}\u{030A}\u{030B}\u{030C}\u{030D}\u{030E}\u{030F}\u{0310}\u{0311}\u{0312}\u{0313}\u{0314}\u{0315}\u{0316}\u{0317}\u{0318}\u{0319}\u{031A}\u{031B}\u{031C}\u{031D}"),
        rep!("combining marks only (`\\u0301` ×)", "\u{0301}"),
        rep!("lone surrogates from JS (U+FFFD ×)", "\u{FFFD}"),
        rep!("zero-width spaces (`\\u200B` ×)", "\u{200B}"),
        rep!("letters glued by zero-width (`a\\u200B` ×)", "a\u{200B}"),
        rep!("homoglyphs (`ᴄᴏɴɴᴀʀᴅ сопnаrd ＣＯＮＮＡＲＤ ` ×)", "ᴄᴏɴɴᴀʀᴅ сопnаrd ＣＯＮＮＡＲＤ "),
        rep!("RTL text and marks (Arabic, Hebrew, U+202E)", "\u{202E}مرحبا שלום \u{200F}"),
        rep!("elisions (`t'` ×)", "t'"),
        rep!("elisions with spaces (`t'es ` ×)", "t'es "),
        rep!("at signs (`@` ×)", "@"),
        rep!("mentions (`@a ` ×)", "@a "),
        rep!("stars (`*` ×)", "*"),
        rep!("masked words (`c*nnard ` ×)", "c*nnard "),
        rep!("leet glue (`s@l0p3$` ×)", "s@l0p3$"),
        rep!("digits (`0123456789` ×)", "0123456789"),
        rep!("phone numbers (`06 12 34 56 78 ` ×)", "06 12 34 56 78 "),
        rep!("many findings (`t'es un connard ` ×)", "t'es un connard "),
        rep!("many findings, no punctuation (`connard ` ×)", "connard "),
        rep!("many clauses (`connard, ` ×)", "connard, "),
        rep!("nested patterns (`fils de pute ` ×)", "fils de pute "),
        rep!("quotes (`« con » ` ×)", "« con » "),
        rep!("exclamation marks (`!` ×)", "!"),
        rep!("line breaks (`\\n` ×)", "\n"),
        rep!("spaces (` ` ×)", " "),
        Input { name: "allowed terms ×, site options (`tuer le boss con `)", site: true, make: |n| repeat("tuer le boss con ", n) },
        Input { name: "extra terms ×, site options (`noob de base `)", site: true, make: |n| repeat("noob de base ", n) },
    ]
}

struct Measure {
    time: Duration,
    peak: usize,
    findings: usize,
}

fn measure(analyzer: &Analyzer, text: &str) -> Measure {
    let mut best = Duration::MAX;
    let mut peak = 0;
    let mut findings = 0;
    let started = Instant::now();
    let mut runs = 0;
    while runs < 3 || (started.elapsed() < Duration::from_millis(300) && runs < 50) {
        let before = CURRENT.load(Relaxed);
        PEAK.store(before, Relaxed);
        let t = Instant::now();
        let report = std::hint::black_box(analyzer.analyze(std::hint::black_box(text)));
        best = best.min(t.elapsed());
        peak = peak.max(PEAK.load(Relaxed) - before);
        findings = report.findings.len();
        drop(report);
        runs += 1;
    }
    Measure { time: best, peak, findings }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let mut update = None;
    let mut check = false;
    let mut scale: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--check" => check = true,
            "--update" => update = args.next(),
            "--scale" => scale = args.next(),
            _ => {
                eprintln!("usage: adversarial [--check] [--update docs/robustness.md] [--scale NAME-FILTER]");
                std::process::exit(2);
            }
        }
    }
    let plain = Analyzer::default();
    let site = Analyzer::new(Options {
        extra_terms: vec![poids_des_mots::CustomTerm {
            pattern: "noob de (base|service)".into(),
            category: poids_des_mots::Category::Insult,
            severity: 2,
        }],
        allowed_terms: vec!["tuer le boss".into(), "con".into()],
        ..Options::default()
    })
    .expect("site options compile");

    if let Some(filter) = scale {
        // Time at doubling sizes, for the inputs whose name contains `filter`: where a ratio is off, this
        // tells a superlinear step (×4 per doubling) from cache and page-fault effects (a step, then ×2).
        for input in inputs().iter().filter(|i| i.name.contains(filter.as_str())) {
            let analyzer = if input.site { &site } else { &plain };
            let mut line = format!("{}:", input.name);
            for kb in [62, 125, 250, 500, 1000, 2000] {
                let m = measure(analyzer, &(input.make)(kb * 1000));
                line += &format!("  {kb} KB {:.1} ms", ms(m.time));
            }
            println!("{line}");
        }
        return;
    }
    let mut table = String::from(
        "| input | 100 KB | 1 MB | ms per MB (at 1 MB) | ratio 1 MB / 100 KB | peak memory at 1 MB | findings at 1 MB |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    let mut failures = Vec::new();
    let mut slowest = ("", 0.0f64);
    let mut worst_ratio = ("", 0.0f64);
    let mut worst_peak = ("", 0usize);
    for input in inputs() {
        let analyzer = if input.site { &site } else { &plain };
        let small = (input.make)(SMALL);
        let large = (input.make)(LARGE);
        assert!(large.encode_utf16().count() <= 1 << 20, "{} is over the JS limit", input.name);
        let s = measure(analyzer, &small);
        let l = measure(analyzer, &large);
        // Under 1 ms at 100 KB, timer noise dominates: the ratio says little, and is shown in parentheses.
        let ratio = ms(l.time) / ms(s.time).max(1e-3);
        let per_mb = ms(l.time) * 1e6 / large.len() as f64;
        let per_byte = l.peak as f64 / large.len() as f64;
        let ratio_cell = if ms(s.time) < 1.0 { format!("({ratio:.1})") } else { format!("{ratio:.1}") };
        table += &format!(
            "| {} | {:.2} ms | {:.1} ms | {:.1} | {} | {:.1} MB ({:.1} B/byte) | {} |\n",
            input.name,
            ms(s.time),
            ms(l.time),
            per_mb,
            ratio_cell,
            l.peak as f64 / 1e6,
            per_byte,
            l.findings
        );
        eprintln!(
            "{:<60} {:>8.2} ms {:>8.1} ms  ratio {:>5.1}  peak {:>6.1} MB",
            input.name,
            ms(s.time),
            ms(l.time),
            ratio,
            l.peak as f64 / 1e6
        );
        if per_mb > slowest.1 {
            slowest = (input.name, per_mb);
        }
        if ms(s.time) >= 1.0 && ratio > worst_ratio.1 {
            worst_ratio = (input.name, ratio);
        }
        if l.peak > worst_peak.1 {
            worst_peak = (input.name, l.peak);
        }
        // Timer noise: only judge the ratio when the large run is long enough to measure (≥ 5 ms).
        if ms(l.time) >= 5.0 && ratio > 20.0 {
            failures.push(format!("{}: 1 MB takes {ratio:.1}× the time of 100 KB (linear is 10×)", input.name));
        }
        if per_byte > 64.0 {
            failures.push(format!("{}: peak {per_byte:.0} bytes per input byte", input.name));
        }
    }
    table += &format!(
        "\nSlowest: {} at {:.1} ms per MB. Highest ratio (inputs over 1 ms at 100 KB): {} at {:.1}. Highest peak: {} at {:.1} MB.\n",
        slowest.0,
        slowest.1,
        worst_ratio.0,
        worst_ratio.1,
        worst_peak.0,
        worst_peak.1 as f64 / 1e6
    );
    match update {
        Some(path) => {
            let doc = std::fs::read_to_string(&path).expect("read the document to update");
            let (begin, end) = ("<!-- adversarial:begin -->\n", "<!-- adversarial:end -->");
            let (Some(b), Some(e)) = (doc.find(begin), doc.find(end)) else {
                eprintln!("{path} has no {begin:?} … {end:?} markers");
                std::process::exit(2);
            };
            let new = format!("{}{begin}{table}{}", &doc[..b], &doc[e..]);
            std::fs::write(&path, new).expect("write the document");
            eprintln!("updated {path}");
        }
        None => print!("{table}"),
    }
    if check && !failures.is_empty() {
        for f in &failures {
            eprintln!("adversarial: FAIL {f}");
        }
        std::process::exit(1);
    }
}

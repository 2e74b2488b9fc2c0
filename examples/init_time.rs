//! Prints how long building an analyzer takes, natively: the first `Analyzer::default()` of the process
//! (it compiles the built-in lexicon), the ones after it (they share it), and one with a site term (it
//! compiles its own; median of 5). `cargo run --release --example init_time`
use poids_des_mots::{Analyzer, Options};
use std::time::{Duration, Instant};

fn timed(build: impl Fn() -> Analyzer) -> Duration {
    let t = Instant::now();
    std::hint::black_box(build().analyze("x"));
    t.elapsed()
}

fn median(build: impl Fn() -> Analyzer) -> Duration {
    let mut times: Vec<_> = (0..5).map(|_| timed(&build)).collect();
    times.sort();
    times[2]
}

fn main() {
    println!("first Analyzer::default(): {:?}", timed(Analyzer::default));
    println!("next Analyzer::default(): median {:?}", median(Analyzer::default));
    let site = || Analyzer::new(Options { allowed_terms: vec!["gg".into()], ..Options::default() }).unwrap();
    println!("Analyzer::new with a site term: median {:?}", median(site));
}

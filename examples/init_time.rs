//! Prints how long building the default analyzer takes (median of 5), natively.
//! `cargo run --release --example init_time`
fn main() {
    let mut times: Vec<_> = (0..5)
        .map(|_| {
            let t = std::time::Instant::now();
            let a = poids_des_mots::Analyzer::default();
            std::hint::black_box(a.analyze("x"));
            t.elapsed()
        })
        .collect();
    times.sort();
    println!("Analyzer::default(): median {:?} (min {:?}, max {:?})", times[2], times[0], times[4]);
}

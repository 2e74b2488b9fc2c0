//! Trains the learned layer and writes the files the library embeds (`./scripts/train-model.sh` runs it):
//!
//! ```sh
//! cargo run --release --features model-training --example train -- [--shared ../shared] [--folds 5]
//!     [--dry-run] [--diagnose] [--measure NAME]...
//! ```
//!
//! `--dry-run` writes only `target/model/` (what `scripts/quality.py` reads), not the committed files;
//! `--measure NAME` prints the figures of `SHARED/eval/data/NAME.tsv` (never trained on) for the new
//! weights; `--diagnose` prints what each fusion gate costs, per file (the model alone, the rules or the
//! model ungated, the fused decision), and writes one line per text to `target/model/experiment.tsv`.
//!
//! Experiments (docs/model.md has their figures; the defaults are what ships): `TRAIN_EPOCHS`,
//! `TRAIN_RATE`, `TRAIN_L2`, `TRAIN_MIN_EXAMPLES`, `TRAIN_OWN_WEIGHT`, `TRAIN_FTR_NEGATIVES` override the
//! settings; `TRAIN_FLAGGED_WEIGHT=x` weighs the texts the rules already flag x times; `TRAIN_LEAVE_OUT=a,b`
//! trains on every source but those; `TRAIN_HIDDEN=H` only prints the ROC-AUC of a model with H hidden
//! units beside the logistic regression.
//!
//! Reads `SHARED/train/*.tsv`, `SHARED/eval/data/{mlma_fr,ftr_fr}.tsv` and `src/model/data/own/*.tsv`
//! (weights), `SHARED/eval/data/cyberado_*.tsv` (thresholds only), never `toxifrench_bench`. Writes
//! `src/model/weights.bin`, its checksum `src/model/weights.fnv1a64`, the expected probabilities of
//! `src/model/data/probes.txt` (`src/model/data/expected.tsv`, checked by `cargo test`), and for
//! `scripts/quality.py` the out-of-fold decisions of every training row (`target/model/kfold.tsv`).
use poids_des_mots::__training as t;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), String> {
    let started = Instant::now();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut shared = root.join("../shared");
    let mut folds = 5u64;
    let mut dry_run = false;
    let mut diagnose = false;
    let mut measure: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--dry-run" {
            dry_run = true;
            continue;
        }
        if arg == "--diagnose" {
            diagnose = true;
            continue;
        }
        match (arg.as_str(), args.next()) {
            ("--shared", Some(dir)) => shared = PathBuf::from(dir),
            ("--measure", Some(name)) => measure.push(name),
            ("--folds", Some(k)) => folds = k.parse().map_err(|_| "--folds takes a number".to_string())?,
            _ => return Err("usage: train [--shared DIR] [--folds K] [--dry-run] [--measure NAME]".into()),
        }
    }
    let paths = t::Paths { shared, root };
    let analyzer = t::rules_analyzer();
    // Overrides for experiments (see the top of this file).
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<f64>().ok());
    let mut recipe = t::Recipe::default();
    let mut settings = t::Settings::default();
    if let Some(x) = env("TRAIN_EPOCHS") {
        settings.epochs = x as usize;
    }
    if let Some(x) = env("TRAIN_RATE") {
        settings.rate = x as f32;
    }
    if let Some(x) = env("TRAIN_MIN_EXAMPLES") {
        settings.min_examples = x as u32;
    }
    if let Some(x) = env("TRAIN_L2") {
        settings.l2 = x as f32;
    }
    if let Some(x) = env("TRAIN_OWN_WEIGHT") {
        recipe.own_weight = x as f32;
    }
    if let Some(x) = env("TRAIN_FTR_NEGATIVES") {
        recipe.ftr_negative_weight = x as f32;
    }
    let mut examples = t::training_examples(&analyzer, &paths, recipe)?;
    // TRAIN_FLAGGED_WEIGHT=x: the texts the rules already flag weigh x times as much.
    if let Some(x) = env("TRAIN_FLAGGED_WEIGHT") {
        for e in examples.iter_mut().filter(|e| e.rules.flagged) {
            e.weight *= x as f32;
        }
    }
    // TRAIN_LEAVE_OUT=a,b: those sources train nothing (experiments: what each source is worth).
    if let Ok(sources) = std::env::var("TRAIN_LEAVE_OUT") {
        for e in examples.iter_mut().filter(|e| sources.split(',').any(|s| s == e.source)) {
            e.weight = 0.0;
        }
    }
    let dev = t::threshold_examples(&analyzer, &paths)?;
    eprintln!("{} training texts, {} development texts ({:.1?})", examples.len(), dev.len(), started.elapsed());

    if let Some(units) = env("TRAIN_HIDDEN") {
        println!("{}", t::hidden_experiment(&examples, &dev, folds, settings, units as usize));
        return Ok(());
    }
    let oof = t::out_of_fold(&examples, folds, settings);
    eprintln!("{folds}-fold predictions ({:.1?})", started.elapsed());
    let all: Vec<&t::Example> = examples.iter().collect();
    let weights = t::train(&all, settings);
    let (scale, quantised, back) = weights.quantised();
    let dev_predictions: Vec<Option<t::Prediction>> = dev.iter().map(|e| Some(back.predict(e))).collect();
    let cut = t::choose_cut(&dev, &dev_predictions, &examples, &oof);
    let (veto, warn) = (cut.veto, cut.warn);
    let alert = t::choose_alert(&examples, &oof, warn);
    eprintln!("thresholds: veto {veto:.2}, warn {warn:.2}, alert {alert:.2} ({:.1?})", started.elapsed());

    let bytes = t::write_weights(scale, back.bias, [veto, warn, alert], &quantised);
    // --dry-run leaves the committed files alone (target/model/ is still written).
    let write = |path: PathBuf, contents: &[u8]| {
        if dry_run && !path.starts_with(paths.out_dir()) {
            return Ok(());
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))
    };
    write(paths.weights(), &bytes)?;
    write(paths.checksum(), format!("{:016x}  weights.bin\n", t::checksum(&bytes)).as_bytes())?;

    let mut expected = String::from(
        "# Written by examples/train.rs: the probability the embedded weights give each line of probes.txt.\n# probability<TAB>text\n",
    );
    for (_, _, text) in t::read_tsv_lines(&paths.probes())? {
        let e = t::prepare(&analyzer, "probe", String::new(), false, 1.0, text.clone());
        let _ = writeln!(expected, "{:.6}\t{text}", back.predict(&e).p);
    }
    write(paths.expected(), expected.as_bytes())?;

    let mut kfold = String::from("source\tid\tlabel\trules_flagged\tp\tcan_raise\tflagged\n");
    for (e, p) in examples.iter().zip(&oof) {
        if let Some(p) = p {
            let flagged = t::fused_flag(e, *p, cut);
            let _ = writeln!(
                kfold,
                "{}\t{}\t{}\t{}\t{:.6}\t{}\t{}",
                e.source,
                e.id,
                u8::from(e.label),
                u8::from(e.rules.flagged),
                p.p,
                u8::from(p.can_raise),
                u8::from(flagged)
            );
        }
    }
    write(paths.out_dir().join("kfold.tsv"), kfold.as_bytes())?;

    println!(
        "## {folds}-fold, out of fold (training files)\n\n{}",
        t::table(&t::metrics_by_source(&examples, &oof, cut))
    );
    println!(
        "## development files (thresholds chosen here)\n\n{}",
        t::table(&t::metrics_by_source(&dev, &dev_predictions, cut))
    );
    println!("ROC-AUC of the model alone: out of fold {:?}", t::auc_by_source(&examples, &oof));
    println!("ROC-AUC of the model alone: development {:?}", t::auc_by_source(&dev, &dev_predictions));
    let mut experiment =
        String::from("source\tid\tlabel\trules\tp\tmay_raise\texplained\twords\taddressed\tframed\tdistress\n");
    if diagnose {
        println!("## what the gates cost\n\n{}", t::diagnose(&examples, &oof, cut));
        println!("{}", t::diagnose(&dev, &dev_predictions, cut));
        t::experiment_rows(&examples, &oof, &mut experiment);
        t::experiment_rows(&dev, &dev_predictions, &mut experiment);
    }
    for name in &measure {
        let held_out = t::evaluation_examples(&analyzer, &paths, name)?;
        let predictions: Vec<Option<t::Prediction>> = held_out.iter().map(|e| Some(back.predict(e))).collect();
        if diagnose {
            println!("{}", t::diagnose(&held_out, &predictions, cut));
            t::experiment_rows(&held_out, &predictions, &mut experiment);
        }
        println!("## measured only: {name}\n\n{}", t::table(&t::metrics_by_source(&held_out, &predictions, cut)));
        println!("ROC-AUC of the model alone: measured {:?}", t::auc_by_source(&held_out, &predictions));
    }
    if diagnose {
        write(paths.out_dir().join("experiment.tsv"), experiment.as_bytes())?;
    }
    println!("checksum {:016x} (src/model/weights.fnv1a64 holds the committed one)", t::checksum(&bytes));
    let nonzero = quantised.iter().filter(|&&w| w != 0).count();
    println!(
        "weights: {} of {} non-zero, scale {scale:.5}, bias {:.3}; thresholds veto {veto:.2} warn {warn:.2} alert {alert:.2}; {:.1?} in all",
        nonzero,
        quantised.len(),
        back.bias,
        started.elapsed()
    );
    Ok(())
}

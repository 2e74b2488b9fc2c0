//! Training of the learned layer (feature `model-training`, off by default: not in the library users get).
//! `examples/train.rs` is its command line; `docs/model.md` says what it reads and why.
//!
//! Every text goes through the analyzer's own pipeline (normalise → lexicon → context → features, with the
//! same masking), so the weights are trained on exactly what inference computes. Then: a logistic
//! regression by AdaGrad, k-fold out-of-fold predictions, thresholds chosen on development data, int8
//! quantisation, and the files written.

#![allow(missing_docs)] // internal tool: the fields say what they are

use super::features::{self, Feature, Features, BUCKETS_LOG2};
use super::fusion;
use crate::{score, Analyzer, Options, Report};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Evaluation files that must never train anything (the benchmark must stay unseen; the others have no
/// licence for it). The development ones may choose thresholds.
pub const NEVER_TRAIN: [&str; 3] = ["toxifrench_bench", "cyberado_v1", "cyberado_large_dev"];
/// Files that choose the thresholds (never the weights).
pub const THRESHOLD_FILES: [&str; 2] = ["cyberado_v1", "cyberado_large_dev"];

/// One labelled text and what the pipeline made of it.
pub struct Example {
    pub source: String,
    pub id: String,
    pub label: bool,
    pub weight: f32,
    pub text: String,
    pub(crate) features: Vec<Feature>,
    pub(crate) tokens: usize,
    /// The rules-only report.
    pub rules: Report,
    /// Whether the model may speak for it (`fusion::may_raise`).
    pub(crate) may_raise: bool,
    /// How many words of its own the model read (`fusion::raise_threshold`).
    pub(crate) words: usize,
    /// Tokens the model may show (`fusion::outside_findings`).
    pub(crate) outside: Vec<bool>,
    /// Why the model may not speak (for `diagnose`): a framed lexicon finding, distress.
    pub(crate) framed: bool,
    pub(crate) addressed: bool,
}

/// Reads `id<TAB>label<TAB>category<TAB>text` (with a header line) or, for the project's own files,
/// `label<TAB>text` (lines starting with `#` are comments).
pub fn read_tsv(path: &Path) -> Result<Vec<(String, bool, String)>, String> {
    let content = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows = Vec::new();
    for (n, line) in content.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() || line.starts_with('#') || (n == 0 && line.starts_with("id\t")) {
            continue;
        }
        let cols: Vec<&str> = line.splitn(4, '\t').collect();
        let (id, label, text) = match cols.len() {
            4 => (cols[0].to_string(), cols[1], cols[3]),
            2 => (format!("{}:{}", path.file_stem().unwrap_or_default().to_string_lossy(), n + 1), cols[0], cols[1]),
            _ => return Err(format!("{}:{}: expected 2 or 4 columns", path.display(), n + 1)),
        };
        let label = match label.trim() {
            "1" => true,
            "0" => false,
            other => return Err(format!("{}:{}: label {other:?}", path.display(), n + 1)),
        };
        rows.push((id, label, text.to_string()));
    }
    Ok(rows)
}

/// The lines of a plain text file (`#` comments and blank lines left out), as unlabelled rows.
pub fn read_tsv_lines(path: &Path) -> Result<Vec<(String, bool, String)>, String> {
    let content = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(content
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| (String::new(), false, l.to_string()))
        .collect())
}

/// Runs the pipeline on `text` as `Analyzer::analyze` does, keeping what training needs.
pub fn prepare(analyzer: &Analyzer, source: &str, id: String, label: bool, weight: f32, text: String) -> Example {
    // The analyzer's own stages (normalise, spelling, lexicon, context), the matches noted as at inference.
    let mut buffers = crate::analyzer::Buffers::default();
    let judged = analyzer.judged(&text, &mut buffers, true);
    let n = &buffers.normalized;
    let mut masked = Vec::new();
    let ignored = &analyzer.options.ignore_categories;
    features::masked_tokens(n, buffers.model.covered(), &judged, &analyzer.lexicon, ignored, &mut masked);
    let mut feats = Features::default();
    features::extract(&text, n, &judged, &analyzer.lexicon, ignored, &masked, &mut feats);
    let reading = fusion::Reading::new(0.0, n, &judged, &masked);
    let rules = score::report(&text, judged, &analyzer.lexicon, &analyzer.options);
    let may_raise = fusion::may_raise(&reading, &rules, &analyzer.options);
    let mut outside = Vec::new();
    fusion::outside_findings(n, &masked, &rules, &mut outside);
    Example {
        source: source.to_string(),
        id,
        label,
        weight,
        text,
        features: feats.list,
        tokens: n.tokens.len(),
        rules,
        may_raise,
        words: reading.words,
        outside,
        framed: reading.framed,
        addressed: reading.addressed,
    }
}

/// Float weights of a logistic regression over the hashed features.
#[derive(Clone)]
pub struct Weights {
    pub bias: f32,
    pub w: Vec<f32>,
}

/// What a model says of an example: its probability, and whether it could raise it (may speak, and can
/// show words that carry enough of the score).
#[derive(Clone, Copy, Debug)]
pub struct Prediction {
    pub p: f32,
    pub can_raise: bool,
    /// The shown words carry enough of the score (`fusion::shown_tokens`), whether or not it may speak.
    pub explained: bool,
    /// Words of its own (`fusion::raise_threshold`).
    pub words: usize,
}

impl Weights {
    fn logit(&self, e: &Example, contributions: &mut Vec<f32>) -> f32 {
        contributions.clear();
        contributions.resize(e.tokens, 0.0);
        let mut total = self.bias;
        for f in &e.features {
            let c = self.w[f.bucket as usize] * f.value;
            total += c;
            if let Some(slot) = contributions.get_mut(f.token as usize) {
                *slot += c;
            }
        }
        total
    }

    pub fn predict(&self, e: &Example) -> Prediction {
        let mut contributions = Vec::new();
        let p = super::sigmoid(self.logit(e, &mut contributions));
        let explained = !fusion::shown_tokens(&contributions, &e.outside, &mut Vec::new()).is_empty();
        Prediction { p, can_raise: e.may_raise && explained, explained, words: e.words }
    }

    /// The weights as the library will read them: int8 with one scale.
    pub fn quantised(&self) -> (f32, Vec<i8>, Weights) {
        let mut magnitudes: Vec<f32> = self.w.iter().map(|w| w.abs()).filter(|&w| w > 0.0).collect();
        magnitudes.sort_by(f32::total_cmp);
        // The largest weights are clipped at the 99.99th percentile: one outlier would cost every other
        // weight its resolution.
        let top = magnitudes.get(magnitudes.len().saturating_sub(1 + magnitudes.len() / 10_000)).copied();
        let scale = top.unwrap_or(1.0).max(1e-6) / 127.0;
        let q: Vec<i8> = self.w.iter().map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8).collect();
        let back = Weights { bias: self.bias, w: q.iter().map(|&x| f32::from(x) * scale).collect() };
        (scale, q, back)
    }
}

/// Training settings.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub epochs: usize,
    pub rate: f32,
    pub l2: f32,
    pub seed: u64,
    /// A feature seen in fewer training examples than this keeps a weight of 0: the weights file is then
    /// mostly zeros and compresses to a fifth (54 KB instead of 152 KB gzipped at 5), for no loss of
    /// ROC-AUC out of fold or on the development files (rare n-grams are noise).
    pub min_examples: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { epochs: 4, rate: 0.05, l2: 1e-4, seed: 17, min_examples: 5 }
    }
}

pub(crate) fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// A logistic regression by AdaGrad over `examples` (weighted log-loss, L2 on the weights touched), on the
/// features seen in at least `settings.min_examples` of them.
pub fn train(examples: &[&Example], settings: Settings) -> Weights {
    let size = 1usize << BUCKETS_LOG2;
    let mut u = Weights { bias: 0.0, w: vec![0.0; size] };
    let mut contributions = Vec::new();
    let mut squares = vec![1e-8f32; size];
    let mut bias_squares = 1e-8f32;
    let df = document_frequency(examples);
    for_each_step(examples, settings, settings.seed, |e| {
        let p = super::sigmoid(u.logit(e, &mut contributions));
        let g = (p - f32::from(u8::from(e.label))) * e.weight;
        for f in &e.features {
            let b = f.bucket as usize;
            if df[b] < settings.min_examples {
                continue;
            }
            let grad = g * f.value + settings.l2 * u.w[b];
            squares[b] += grad * grad;
            u.w[b] -= settings.rate * grad / squares[b].sqrt();
        }
        bias_squares += g * g;
        u.bias -= settings.rate * g / bias_squares.sqrt();
    });
    u
}

/// How many examples have each feature (a feature of fewer than `Settings::min_examples` keeps a weight
/// of 0).
pub(crate) fn document_frequency(examples: &[&Example]) -> Vec<u32> {
    let mut df = vec![0u32; 1 << BUCKETS_LOG2];
    for e in examples {
        let mut seen: Vec<u32> = e.features.iter().map(|f| f.bucket).collect();
        seen.sort_unstable();
        seen.dedup();
        for b in seen {
            df[b as usize] += 1;
        }
    }
    df
}

/// Calls `step` with every example that weighs something, `settings.epochs` times, in a new order each
/// time (shuffled from `seed`: the same on every run).
pub(crate) fn for_each_step<'a>(
    examples: &[&'a Example],
    settings: Settings,
    seed: u64,
    mut step: impl FnMut(&'a Example),
) {
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut next = xorshift(seed | 1);
    for _ in 0..settings.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, (next() % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            if examples[k].weight != 0.0 {
                step(examples[k]);
            }
        }
    }
}

/// Precision, recall, F1 and false-positive rate of flagged decisions.
#[derive(Clone, Copy, Debug, Default)]
pub struct Metrics {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

impl Metrics {
    pub fn add(&mut self, label: bool, flagged: bool) {
        match (label, flagged) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn fpr(&self) -> f64 {
        self.fp as f64 / (self.fp + self.tn).max(1) as f64
    }
}

/// The veto and warn thresholds.
#[derive(Clone, Copy, Debug)]
pub struct Cut {
    pub veto: f32,
    pub warn: f32,
}

/// The fused decision (as `fusion::fuse` makes it): a rules warning stands unless the model vetoes it,
/// a rules alert stands, otherwise the model raises when it may and can say why.
pub fn fused_flag(e: &Example, p: Prediction, cut: Cut) -> bool {
    match e.rules.level {
        crate::Level::Alert => true,
        crate::Level::Warn => p.p >= cut.veto,
        _ => p.can_raise && p.p >= fusion::raise_threshold(cut.warn, p.words),
    }
}

/// The fold of an example (by its id, so the same text lands in the same fold on every run).
pub fn fold_of(id: &str, folds: u64) -> u64 {
    super::checksum(id.as_bytes()) % folds
}

/// Out-of-fold predictions: for each fold, a model trained on every other fold (and on the examples that
/// belong to no fold: the project's own) predicts it.
pub fn out_of_fold(examples: &[Example], folds: u64, settings: Settings) -> Vec<Option<Prediction>> {
    let mut out = vec![None; examples.len()];
    for fold in 0..folds {
        let train_set: Vec<&Example> = examples.iter().filter(|e| fold_of(&e.id, folds) != fold).collect();
        let w = train(&train_set, settings);
        let (_, _, q) = w.quantised();
        for (k, e) in examples.iter().enumerate() {
            if fold_of(&e.id, folds) == fold && !is_own(&e.source) {
                out[k] = Some(q.predict(e));
            }
        }
    }
    out
}

/// The source name of the project's own examples.
pub const OWN: &str = "own";

/// Whether a source is one of the project's own files (`own:<file>`): in every fold's training set, never
/// predicted out of fold.
pub fn is_own(source: &str) -> bool {
    source.strip_prefix(OWN).is_some_and(|rest| rest.starts_with(':'))
}

/// Where everything is read from and written to.
pub struct Paths {
    pub shared: PathBuf,
    pub root: PathBuf,
}

impl Paths {
    pub fn weights(&self) -> PathBuf {
        self.root.join("src/model/weights.bin")
    }
    pub fn checksum(&self) -> PathBuf {
        self.root.join("src/model/weights.fnv1a64")
    }
    /// The project's own labelled examples: every `.tsv` file of this folder (`label<TAB>text`).
    pub fn own_dir(&self) -> PathBuf {
        self.root.join("src/model/data/own")
    }
    pub fn expected(&self) -> PathBuf {
        self.root.join("src/model/data/expected.tsv")
    }
    pub fn probes(&self) -> PathBuf {
        self.root.join("src/model/data/probes.txt")
    }
    pub fn out_dir(&self) -> PathBuf {
        self.root.join("target/model")
    }
}

/// How the training files are weighted and which rows are used (see `docs/model.md`).
#[derive(Clone, Copy, Debug)]
pub struct Recipe {
    /// Weight of the project's own teen-chat examples.
    pub own_weight: f32,
    /// Weight of ftr_fr's negatives (labelled for racism only: a non-racist insult is 0 there), or 0 to
    /// leave them out. Those the rules flag are always left out: they are often insults, not harmless.
    pub ftr_negative_weight: f32,
}

impl Default for Recipe {
    fn default() -> Self {
        Recipe { own_weight: 3.0, ftr_negative_weight: 0.5 }
    }
}

/// Reads every training file and prepares its texts; the classes of each file are then weighted to equal
/// totals (`balance_each_source`).
pub fn training_examples(analyzer: &Analyzer, paths: &Paths, recipe: Recipe) -> Result<Vec<Example>, String> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for p in tsv_files(&paths.shared.join("train"))? {
        files.push((p.file_stem().unwrap_or_default().to_string_lossy().into_owned(), p));
    }
    for name in ["mlma_fr", "ftr_fr"] {
        files.push((name.to_string(), paths.shared.join("eval/data").join(format!("{name}.tsv"))));
    }
    for p in tsv_files(&paths.own_dir())? {
        files.push((format!("{OWN}:{}", p.file_stem().unwrap_or_default().to_string_lossy()), p));
    }
    let mut examples = Vec::new();
    for (name, path) in files {
        assert!(!NEVER_TRAIN.contains(&name.as_str()), "{name} must never train the model");
        for (id, label, text) in read_tsv(&path)? {
            let weight = if is_own(&name) { recipe.own_weight } else { 1.0 };
            let mut e = prepare(analyzer, &name, id, label, weight, text);
            if name == "ftr_fr" && !label {
                // Kept for the out-of-fold figures of the whole file, but trained on only as said.
                e.weight = if e.rules.flagged { 0.0 } else { recipe.ftr_negative_weight };
            }
            examples.push(e);
        }
    }
    balance_each_source(&mut examples);
    Ok(examples)
}

/// The `.tsv` files of a folder, sorted by name.
fn tsv_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    names.sort();
    Ok(names)
}

/// Weights the two classes of each source to equal totals (the source keeps its total weight). Each
/// corpus was sampled its own way (mlma_fr is 80 % harmful because it was sampled by keyword, ftr_fr 32 %):
/// balanced as a whole, the model would learn which corpus a text looks like rather than whether it
/// harms (out of fold, this is worth 0.005 to 0.02 of ROC-AUC on every file).
fn balance_each_source(examples: &mut [Example]) {
    let mut totals: BTreeMap<&str, [f32; 2]> = BTreeMap::new();
    for e in examples.iter() {
        totals.entry(&e.source).or_default()[usize::from(e.label)] += e.weight;
    }
    let factors: BTreeMap<String, [f32; 2]> = totals
        .into_iter()
        .map(|(source, [neg, pos])| {
            let factors =
                if neg > 0.0 && pos > 0.0 { [(neg + pos) / (2.0 * neg), (neg + pos) / (2.0 * pos)] } else { [1.0; 2] };
            (source.to_string(), factors)
        })
        .collect();
    for e in examples.iter_mut() {
        e.weight *= factors[&e.source][usize::from(e.label)];
    }
}

/// The development examples that choose thresholds (never weights).
pub fn threshold_examples(analyzer: &Analyzer, paths: &Paths) -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    for name in THRESHOLD_FILES {
        out.extend(evaluation_examples(analyzer, paths, name)?);
    }
    Ok(out)
}

/// The examples of an evaluation file (`SHARED/eval/data/NAME.tsv`), to measure on (never to train on).
pub fn evaluation_examples(analyzer: &Analyzer, paths: &Paths, name: &str) -> Result<Vec<Example>, String> {
    let path = paths.shared.join("eval/data").join(format!("{name}.tsv"));
    Ok(read_tsv(&path)?.into_iter().map(|(id, label, text)| prepare(analyzer, name, id, label, 1.0, text)).collect())
}

/// Metrics per source of fused decisions at `warn`.
pub fn metrics_by_source(
    examples: &[Example],
    predictions: &[Option<Prediction>],
    cut: Cut,
) -> BTreeMap<String, (Metrics, Metrics)> {
    let mut by: BTreeMap<String, (Metrics, Metrics)> = BTreeMap::new();
    for (e, p) in examples.iter().zip(predictions) {
        let Some(p) = p else { continue };
        let m = by.entry(e.source.clone()).or_default();
        m.0.add(e.label, e.rules.flagged);
        m.1.add(e.label, fused_flag(e, *p, cut));
    }
    by
}

/// The veto and warn thresholds: those that maximise the mean F1 of the two development files, of the
/// out-of-fold toxifrench_agreement (forum posts, like the benchmark that must stay unseen) and of all the
/// out-of-fold training predictions, among those that keep cyberado_v1's precision ≥ 0.81,
/// cyberado_large_dev's false-positive rate ≤ 0.095 and toxifrench_agreement's ≤ 0.11 (margins under the
/// floors). ftr_fr is not a constraint: labelled for racism only, every insult the model catches there
/// counts as a false alarm (docs/model.md). The veto is at most 0.3 (the model must be rather sure), the warn threshold at least 0.3.
pub fn choose_cut(
    dev: &[Example],
    dev_predictions: &[Option<Prediction>],
    oof: &[Example],
    oof_predictions: &[Option<Prediction>],
) -> Cut {
    let mut best = (f64::MIN, Cut { veto: 0.0, warn: 0.99 });
    for veto in (0..=30).step_by(2) {
        for step in 30..=99 {
            let cut = Cut { veto: veto as f32 / 100.0, warn: step as f32 / 100.0 };
            let d = metrics_by_source(dev, dev_predictions, cut);
            let o = metrics_by_source(oof, oof_predictions, cut);
            let mut pooled = Metrics::default();
            for (e, p) in oof.iter().zip(oof_predictions) {
                if let Some(p) = p {
                    pooled.add(e.label, fused_flag(e, *p, cut));
                }
            }
            let v1 = d.get("cyberado_v1").map(|m| m.1).unwrap_or_default();
            let large = d.get("cyberado_large_dev").map(|m| m.1).unwrap_or_default();
            let forum = o.get("toxifrench_agreement").map(|m| m.1).unwrap_or_default();
            let ok = v1.precision() >= 0.81 && large.fpr() <= 0.095 && forum.fpr() <= 0.11;
            let objective = (v1.f1() + large.f1() + forum.f1() + pooled.f1()) / 4.0;
            if ok && objective > best.0 {
                best = (objective, cut);
            }
        }
    }
    best.1
}

/// The alert threshold: the lowest probability above `warn` from which at least 95 % of the out-of-fold
/// predictions the model could raise are harmful (or halfway between `warn` and 1 when none is).
pub fn choose_alert(oof: &[Example], oof_predictions: &[Option<Prediction>], warn: f32) -> f32 {
    for step in ((warn * 100.0).ceil() as u32 + 1)..100 {
        let t = step as f32 / 100.0;
        let mut m = Metrics::default();
        for (e, p) in oof.iter().zip(oof_predictions) {
            if p.is_some_and(|p| p.can_raise && p.p >= t) {
                m.add(e.label, true);
            }
        }
        if m.tp + m.fp >= 20 && m.precision() >= 0.95 {
            return t;
        }
    }
    (warn + 1.0) / 2.0
}

/// Renders the per-source table.
pub fn table(by: &BTreeMap<String, (Metrics, Metrics)>) -> String {
    let mut s = String::from("| data | rows | rules P / R / F1 / FPR | fused P / R / F1 / FPR |\n|---|---|---|---|\n");
    for (name, (r, f)) in by {
        let _ = writeln!(
            s,
            "| {name} | {} | {:.2} / {:.2} / {:.2} / {:.2} | {:.2} / {:.2} / {:.2} / {:.2} |",
            r.tp + r.fp + r.fn_ + r.tn,
            r.precision(),
            r.recall(),
            r.f1(),
            r.fpr(),
            f.precision(),
            f.recall(),
            f.f1(),
            f.fpr()
        );
    }
    s
}

/// The rules-only analyzer the examples are prepared with.
pub fn rules_analyzer() -> Analyzer {
    Analyzer::new(Options { rules_only: true, ..Options::default() }).expect("the built-in lexicon compiles")
}

/// ROC-AUC of the model's probabilities per source (ties count half).
pub fn auc_by_source(examples: &[Example], predictions: &[Option<Prediction>]) -> BTreeMap<String, f64> {
    let mut by: BTreeMap<String, Vec<(f32, bool)>> = BTreeMap::new();
    for (e, p) in examples.iter().zip(predictions) {
        if let Some(p) = p {
            by.entry(e.source.clone()).or_default().push((p.p, e.label));
        }
    }
    by.into_iter()
        .map(|(name, mut v)| {
            v.sort_by(|a, b| a.0.total_cmp(&b.0));
            let (mut rank_sum, mut positives) = (0.0f64, 0usize);
            let mut i = 0;
            while i < v.len() {
                let mut j = i;
                while j < v.len() && v[j].0 == v[i].0 {
                    j += 1;
                }
                let rank = (i + j + 1) as f64 / 2.0; // ranks i+1..=j, averaged
                for x in &v[i..j] {
                    if x.1 {
                        rank_sum += rank;
                        positives += 1;
                    }
                }
                i = j;
            }
            let negatives = v.len() - positives;
            let auc = (rank_sum - (positives * (positives + 1)) as f64 / 2.0) / (positives * negatives).max(1) as f64;
            (name, auc)
        })
        .collect()
}

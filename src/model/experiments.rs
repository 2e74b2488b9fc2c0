//! Experiments on the learned layer (feature `model-training`, `examples/train.rs --diagnose` and
//! `TRAIN_HIDDEN=H`): what each fusion gate costs, one line per text for analysis, and a hidden layer
//! beside the logistic regression, to see whether one would earn its KB (docs/model.md has the figures).
//! Nothing here is shipped.

use super::features::BUCKETS_LOG2;
use super::fusion;
use super::training::{
    auc_by_source, document_frequency, fold_of, for_each_step, fused_flag, is_own, xorshift, Cut, Example, Metrics,
    Prediction, Settings, Weights,
};
use std::fmt::Write as _;

/// What each gate of the fusion costs, per source (an experiment aid, `train --diagnose`): the model alone
/// (ROC-AUC, F1 at `warn` and at its best threshold), the rules or the model ungated, and how many of the
/// harmful / harmless messages the model would raise at `warn` each gate stops.
pub fn diagnose(examples: &[Example], predictions: &[Option<Prediction>], cut: Cut) -> String {
    let mut out = String::from(
        "| data | model AUC | model P/R/F1 @warn | model best F1 (t) | rules∨model ungated F1/FPR | fused F1/FPR | stopped +/−: framed, distress, few words, short (surer), can't say why |\n|---|---|---|---|---|---|---|\n",
    );
    let aucs = auc_by_source(examples, predictions);
    let mut sources: Vec<&str> = examples.iter().map(|e| e.source.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    for source in sources {
        let rows: Vec<(&Example, Prediction)> = examples
            .iter()
            .zip(predictions)
            .filter(|(e, p)| e.source == source && p.is_some())
            .map(|(e, p)| (e, p.unwrap()))
            .collect();
        if rows.is_empty() {
            continue;
        }
        let at = |t: f32| {
            let mut m = Metrics::default();
            for (e, p) in &rows {
                m.add(e.label, p.p >= t);
            }
            m
        };
        let alone = at(cut.warn);
        let best =
            (1..100).map(|t| (at(t as f32 / 100.0).f1(), t)).fold((0.0, 0), |a, b| if b.0 > a.0 { b } else { a });
        let (mut ungated, mut fused) = (Metrics::default(), Metrics::default());
        let mut stopped = [[0usize; 2]; 5];
        for (e, p) in &rows {
            ungated.add(e.label, e.rules.flagged || p.p >= cut.warn);
            fused.add(e.label, fused_flag(e, *p, cut));
            if e.rules.flagged || p.p < cut.warn {
                continue;
            }
            let few = e.words < fusion::MIN_WORDS && !(e.addressed && e.words > 0);
            let gate = if e.framed {
                0
            } else if e.rules.distress {
                1
            } else if few {
                2
            } else if p.p < fusion::raise_threshold(cut.warn, p.words) {
                3
            } else if !p.can_raise {
                4
            } else {
                continue;
            };
            stopped[gate][usize::from(!e.label)] += 1;
        }
        let stopped: Vec<String> = stopped.iter().map(|[pos, neg]| format!("{pos}/{neg}")).collect();
        let _ = writeln!(
            out,
            "| {source} | {:.3} | {:.2}/{:.2}/{:.2} | {:.2} ({:.2}) | {:.2}/{:.2} | {:.2}/{:.2} | {} |",
            aucs.get(source).copied().unwrap_or_default(),
            alone.precision(),
            alone.recall(),
            alone.f1(),
            best.0,
            best.1 as f32 / 100.0,
            ungated.f1(),
            ungated.fpr(),
            fused.f1(),
            fused.fpr(),
            stopped.join(", ")
        );
    }
    out
}

/// One line per example for experiments (`train --diagnose` writes `target/model/experiment.tsv`).
pub fn experiment_rows(examples: &[Example], predictions: &[Option<Prediction>], out: &mut String) {
    for (e, p) in examples.iter().zip(predictions) {
        let Some(p) = p else { continue };
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{:.6}\t{}\t{}\t{}\t{}\t{}\t{}",
            e.source,
            e.id,
            u8::from(e.label),
            e.rules.level.name(),
            p.p,
            u8::from(e.may_raise),
            u8::from(p.explained),
            e.words,
            u8::from(e.addressed),
            u8::from(e.framed),
            u8::from(e.rules.distress)
        );
    }
}

/// A logistic regression with a small hidden layer beside it (`hidden` ReLU units over the same hashed
/// features): an experiment (`TRAIN_HIDDEN=H train --dry-run`) to see whether one would earn its KB.
pub struct Hidden {
    linear: Weights,
    units: usize,
    embedding: Vec<f32>,
    bias1: Vec<f32>,
    out: Vec<f32>,
    bias2: f32,
}

impl Hidden {
    fn forward(&self, e: &Example, h: &mut Vec<f32>) -> f32 {
        h.clear();
        h.extend_from_slice(&self.bias1);
        let mut logit = self.linear.bias + self.bias2;
        for f in &e.features {
            logit += self.linear.w[f.bucket as usize] * f.value;
            let row = &self.embedding[f.bucket as usize * self.units..][..self.units];
            for (x, w) in h.iter_mut().zip(row) {
                *x += w * f.value;
            }
        }
        for (x, w) in h.iter_mut().zip(&self.out) {
            *x = x.max(0.0);
            logit += *x * w;
        }
        logit
    }

    /// The probability it gives a text.
    pub fn p(&self, e: &Example) -> f32 {
        super::sigmoid(self.forward(e, &mut Vec::new()))
    }
}

/// Trains [`Hidden`] as `training::train` trains the logistic regression (AdaGrad, the same pruning).
pub fn train_hidden(examples: &[&Example], settings: Settings, units: usize) -> Hidden {
    let size = 1usize << BUCKETS_LOG2;
    let mut next = xorshift(settings.seed | 1);
    let mut small = || ((next() % 2001) as f32 / 1000.0 - 1.0) * 0.1;
    let mut m = Hidden {
        linear: Weights { bias: 0.0, w: vec![0.0; size] },
        units,
        embedding: (0..size * units).map(|_| small()).collect(),
        bias1: vec![0.0; units],
        out: (0..units).map(|_| small()).collect(),
        bias2: 0.0,
    };
    let (mut g_lin, mut g_emb) = (vec![1e-8f32; size], vec![1e-8f32; size * units]);
    let (mut g_b1, mut g_out, mut g_b) = (vec![1e-8f32; units], vec![1e-8f32; units], 1e-8f32);
    let df = document_frequency(examples);
    let rate = settings.rate;
    let mut h = Vec::new();
    for_each_step(examples, settings, settings.seed.wrapping_add(7), |e| {
        let p = super::sigmoid(m.forward(e, &mut h));
        let g = (p - f32::from(u8::from(e.label))) * e.weight;
        let dh: Vec<f32> = (0..units).map(|j| if h[j] > 0.0 { g * m.out[j] } else { 0.0 }).collect();
        for f in &e.features {
            let b = f.bucket as usize;
            if df[b] < settings.min_examples {
                continue;
            }
            let grad = g * f.value + settings.l2 * m.linear.w[b];
            g_lin[b] += grad * grad;
            m.linear.w[b] -= rate * grad / g_lin[b].sqrt();
            let row = b * units..(b + 1) * units;
            for ((w, squares), &d) in m.embedding[row.clone()].iter_mut().zip(&mut g_emb[row]).zip(&dh) {
                if d != 0.0 {
                    let grad = d * f.value;
                    *squares += grad * grad;
                    *w -= rate * grad / squares.sqrt();
                }
            }
        }
        for j in 0..units {
            let grad = g * h[j];
            g_out[j] += grad * grad;
            m.out[j] -= rate * grad / g_out[j].sqrt();
            if dh[j] != 0.0 {
                g_b1[j] += dh[j] * dh[j];
                m.bias1[j] -= rate * dh[j] / g_b1[j].sqrt();
            }
        }
        g_b += g * g;
        m.bias2 -= rate * g / g_b.sqrt();
    });
    m
}

/// ROC-AUC per source, of all texts and of those the rules leave unflagged, for the hidden-layer experiment.
pub fn hidden_experiment(
    examples: &[Example],
    dev: &[Example],
    folds: u64,
    settings: Settings,
    units: usize,
) -> String {
    let mut oof = vec![None; examples.len()];
    for fold in 0..folds {
        let train_set: Vec<&Example> = examples.iter().filter(|e| fold_of(&e.id, folds) != fold).collect();
        let m = train_hidden(&train_set, settings, units);
        for (k, e) in examples.iter().enumerate() {
            if fold_of(&e.id, folds) == fold && !is_own(&e.source) {
                oof[k] = Some(Prediction { p: m.p(e), can_raise: true, explained: true, words: e.words });
            }
        }
    }
    let all: Vec<&Example> = examples.iter().collect();
    let m = train_hidden(&all, settings, units);
    let dev_p: Vec<Option<Prediction>> =
        dev.iter().map(|e| Some(Prediction { p: m.p(e), can_raise: true, explained: true, words: e.words })).collect();
    let unflagged = |xs: &[Example], ps: &[Option<Prediction>]| {
        ps.iter().zip(xs).map(|(p, e)| if e.rules.flagged { None } else { *p }).collect::<Vec<_>>()
    };
    format!(
        "hidden {units}: AUC oof {:?}\n dev {:?}\n unflagged oof {:?}\n unflagged dev {:?}",
        auc_by_source(examples, &oof),
        auc_by_source(dev, &dev_p),
        auc_by_source(examples, &unflagged(examples, &oof)),
        auc_by_source(dev, &unflagged(dev, &dev_p))
    )
}

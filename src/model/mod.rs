//! The learned layer: a logistic regression over hashed features of the message (`features.rs`), with int8
//! weights embedded in the library (`weights.bin`, written by the training tool, `docs/model.md`), fused
//! with the lexicon's report (`fusion.rs`). It reads only the text it is given, and learns nothing from it.
//!
//! `weights.bin` (little-endian):
//!
//! | bytes | what |
//! |---|---|
//! | 4 | `PDMW` |
//! | 1 | format version (1) |
//! | 1 | [`features::FEATURE_VERSION`] the weights were trained for |
//! | 1 | log2 of the number of weights ([`features::BUCKETS_LOG2`]) |
//! | 1 | 0 |
//! | 5 × f32 | scale (a weight is `i8 × scale`), bias, then probabilities: the veto, warn and alert thresholds |
//! | 2^log2 | the weights, i8 |

#[cfg(feature = "model-training")]
pub mod experiments;
pub(crate) mod features;
pub(crate) mod fusion;
#[cfg(feature = "model-training")]
pub mod training;

use features::Sink;

/// The weights the library ships with.
static EMBEDDED: &[u8] = include_bytes!("weights.bin");

const MAGIC: &[u8; 4] = b"PDMW";
const FORMAT_VERSION: u8 = 1;
const HEADER: usize = 28;

/// A weights file, read in place: the weights stay in the bytes they came in.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Model {
    scale: f32,
    bias: f32,
    /// Probability under which a rules warning (not an alert) is lowered to a notice.
    pub veto: f32,
    /// Probability from which the model raises a message to warn, and to alert.
    pub warn: f32,
    pub alert: f32,
    weights: &'static [u8],
}

fn f32_at(bytes: &[u8], at: usize) -> f32 {
    f32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

impl Model {
    /// Reads a weights file; `None` when it is not one made for these features.
    pub fn read(bytes: &'static [u8]) -> Option<Model> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC || bytes[4] != FORMAT_VERSION {
            return None;
        }
        if bytes[5] != features::FEATURE_VERSION || u32::from(bytes[6]) != features::BUCKETS_LOG2 {
            return None;
        }
        let weights = &bytes[HEADER..];
        if weights.len() != 1 << features::BUCKETS_LOG2 {
            return None;
        }
        let [scale, bias, veto, warn, alert] = [8, 12, 16, 20, 24].map(|at| f32_at(bytes, at));
        let finite = [scale, bias, veto, warn, alert].iter().all(|x| x.is_finite());
        (finite && veto <= warn && warn <= alert).then_some(Model { scale, bias, veto, warn, alert, weights })
    }

    /// The weights the library ships with (`None` only if `weights.bin` is broken, which a test rules out).
    pub fn embedded() -> Option<Model> {
        Model::read(EMBEDDED)
    }

    fn weight(&self, bucket: u32) -> f32 {
        f32::from(self.weights[bucket as usize] as i8) * self.scale
    }
}

/// Sums the weights of the features [`features::extract`] gives it, as they come: the log-odds of the
/// message, and each token's share of it (`contributions[token]`, the sum of its features' weights ×
/// values; message-wide features count in the total only).
pub(crate) struct Scorer<'a> {
    model: &'a Model,
    pub logit: f32,
    /// Per token: its share of the log-odds.
    contributions: &'a mut [f32],
    /// Per token: its share in the current block, before the block's factor.
    block: &'a mut [f32],
    block_total: f32,
}

impl<'a> Scorer<'a> {
    /// `contributions` and `block` have one zero per token.
    pub fn new(model: &'a Model, contributions: &'a mut [f32], block: &'a mut [f32]) -> Scorer<'a> {
        Scorer { model, logit: model.bias, contributions, block, block_total: 0.0 }
    }
}

impl Sink for Scorer<'_> {
    fn feature(&mut self, bucket: u32, value: f32, token: u32) {
        let c = self.model.weight(bucket) * value;
        self.block_total += c;
        if let Some(slot) = self.block.get_mut(token as usize) {
            *slot += c;
        }
    }
    fn end_block(&mut self, scale: f32) {
        self.logit += self.block_total * scale;
        self.block_total = 0.0;
        for (sum, part) in self.contributions.iter_mut().zip(self.block.iter_mut()) {
            *sum += *part * scale;
            *part = 0.0;
        }
    }
}

/// The probability of a log-odds.
pub(crate) fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// The checksum recorded beside `weights.bin` (FNV-1a, 64 bits): `weights.fnv1a64` holds it in hex.
#[cfg(any(test, feature = "model-training"))]
pub fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// Writes a weights file (the training tool's output).
#[cfg(feature = "model-training")]
pub(crate) fn write(scale: f32, bias: f32, [veto, warn, alert]: [f32; 3], weights: &[i8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + weights.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[FORMAT_VERSION, features::FEATURE_VERSION, features::BUCKETS_LOG2 as u8, 0]);
    for x in [scale, bias, veto, warn, alert] {
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.extend(weights.iter().map(|&w| w as u8));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_weights_load() {
        let model = Model::embedded().expect("weights.bin is a weights file for these features");
        assert!(model.scale > 0.0 && model.warn > 0.0 && model.alert < 1.0);
    }

    #[test]
    fn the_embedded_weights_match_their_recorded_checksum() {
        let recorded = include_str!("weights.fnv1a64").split_whitespace().next().unwrap_or_default();
        assert_eq!(format!("{:016x}", checksum(EMBEDDED)), recorded, "run ./scripts/train-model.sh");
    }

    #[test]
    fn the_embedded_weights_give_the_expected_probabilities() {
        // expected.tsv is written by the training tool, from the same weights, for the sentences of
        // probes.txt: features, weights and pipeline must still agree.
        let analyzer = crate::Analyzer::default();
        let mut rows = 0;
        for line in include_str!("data/expected.tsv").lines().filter(|l| !l.starts_with('#')) {
            let (want, text) = line.split_once('\t').expect("probability<TAB>text");
            let want: f32 = want.parse().expect("a probability");
            let (_, read) = analyzer.read(text, &mut crate::analyzer::Buffers::default());
            let (_, reading) = read.expect("the model is on by default");
            assert!((reading.probability - want).abs() < 2e-6, "{text:?}: {} instead of {want}", reading.probability);
            rows += 1;
        }
        let probes = include_str!("data/probes.txt").lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
        assert_eq!(rows, probes.count(), "expected.tsv has a line per probe: run ./scripts/train-model.sh");
        assert!(rows >= 10);
    }

    #[test]
    fn broken_weights_are_refused() {
        assert!(Model::read(&EMBEDDED[..HEADER]).is_none(), "too short");
        let mut other: Vec<u8> = EMBEDDED.to_vec();
        other[5] = other[5].wrapping_add(1);
        assert!(Model::read(Box::leak(other.into_boxed_slice())).is_none(), "other features");
    }
}

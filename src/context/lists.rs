//! The context rules' word lists, generated from `src/context/{fr,en}/words.tsv` by
//! `build/context_words.rs`: one `Words` static per list name, French words first.

use super::words::Words;

include!(concat!(env!("OUT_DIR"), "/context_words.rs"));

//! The normaliser and its offset map on any text, and its plain-word shortcuts against the general path
//! (src/invariants.rs: `check_normalized`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use poids_des_mots::invariants;

fuzz_target!(|data: &[u8]| {
    invariants::check_normalized(&String::from_utf8_lossy(data));
});

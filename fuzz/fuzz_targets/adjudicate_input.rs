//! Any bytes as `legate adjudicate` input: never a panic, only an answer or an error.
#![no_main]

use legate_engine::step::{run_step, StepInput};
use legate_engine::Map;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static MAP: OnceLock<Map> = OnceLock::new();
    let map = MAP.get_or_init(Map::standard);
    if let Ok(input) = serde_json::from_slice::<StepInput>(data) {
        let _ = run_step(map, &input);
    }
});

//! Adjudication cases beyond the DATC, each a bug that was fixed.

use legate_engine::step::{run_step, StepInput};
use legate_engine::Map;

fn results(json: &str) -> Vec<(String, String)> {
    let input: StepInput = serde_json::from_str(json).unwrap();
    let out = run_step(&Map::standard(), &input).unwrap();
    out.orders.into_iter().map(|o| (o.order, o.result)).collect()
}

#[test]
fn a_convoy_of_a_fleet_is_void_even_when_the_fleet_moves_there() {
    // F BEL really moves to HOL; a convoy "of" it can never be carried out.
    let r = results(
        r#"{"phase": "S1901M", "units": {"ENGLAND": ["F NTH", "F BEL"]},
            "orders": {"ENGLAND": ["F NTH C F BEL - HOL", "F BEL - HOL"]}}"#,
    );
    assert_eq!(r[0], ("F NTH C F BEL - HOL".to_string(), "void".to_string()));
    assert_eq!(r[1], ("F BEL - HOL".to_string(), "succeeds".to_string()));
}

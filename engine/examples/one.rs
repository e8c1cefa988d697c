//! Runs one DATC case and prints each step's outcome (order results, dislodged units with retreat
//! options, units after the step) beside the expected one.
//!
//! Usage, from the workspace root: `cargo run -q -p legate-engine --example one 6.F.16 [a|b]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let id = args.next().expect("usage: one CASE-ID [VARIANT]");
    let variant = args.next();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/datc/cases.json");
    let json = std::fs::read_to_string(path).expect("shared/datc/cases.json is beside the repository");
    let v: serde_json::Value = serde_json::from_str(&json).expect("the corpus is JSON");
    let case = v["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["id"] == id.as_str() && variant.as_deref().is_none_or(|x| c["variant"] == x))
        .expect("no such case");
    let map = legate_engine::Map::standard();
    for (k, step) in case["steps"].as_array().expect("steps").iter().enumerate() {
        let mut step = step.clone();
        if k == 0 {
            step["units"] = case["units"].clone();
            if let Some(sc) = case.get("supply_centers") {
                step["supply_centers"] = sc.clone();
            }
        }
        let expected = step["expected"].take();
        let input: legate_engine::step::StepInput = serde_json::from_value(step).expect("a step");
        let out = legate_engine::step::run_step(&map, &input).expect("the step runs");
        println!("== step {k} ({})", input.position.phase);
        println!("{}", serde_json::to_string_pretty(&out).expect("serialisable"));
        println!("-- expected");
        println!("{}", serde_json::to_string_pretty(&expected).expect("serialisable"));
    }
}

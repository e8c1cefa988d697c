fn main() {
    let id = std::env::args().nth(1).unwrap();
    let json = std::fs::read_to_string("../shared/datc/cases.json").unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let case = v["cases"].as_array().unwrap().iter().find(|c| c["id"] == id.as_str()).unwrap();
    let mut step = case["steps"][0].clone();
    step["units"] = case["units"].clone();
    let input: legate_engine::step::StepInput = serde_json::from_value(step).unwrap();
    let out = legate_engine::step::run_step(&legate_engine::Map::standard(), &input).unwrap();
    println!("{}", serde_json::to_string_pretty(&out.orders).unwrap());
}

//! The whole DATC corpus as one data-driven test that names every failing case.

use legate_engine::{datc::run_corpus, Map};

#[test]
fn datc_corpus_passes() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/datc/cases.json");
    let json = std::fs::read_to_string(path).expect("shared/datc/cases.json is beside the repository");
    let reports = run_corpus(&Map::standard(), &json).expect("corpus parses");
    assert_eq!(reports.len(), 159, "the corpus has 159 records");
    let failed: Vec<String> = reports
        .iter()
        .filter(|r| !r.passed())
        .map(|r| format!("{} {}:\n    {}", r.id, r.title, r.failures.join("\n    ")))
        .collect();
    assert!(failed.is_empty(), "{} of 159 DATC cases fail:\n{}", failed.len(), failed.join("\n"));
}

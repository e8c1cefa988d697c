//! Runs the DATC corpus (`shared/datc/cases.json`) through [`crate::step::run_step`] and compares
//! every order result, dislodgement, retreat option and resulting position.

use crate::step::{run_step, DislodgedJson, StepInput};
use crate::Map;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Corpus {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    #[serde(default)]
    variant: Option<String>,
    section: String,
    title: String,
    #[serde(default)]
    units: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    supply_centers: Option<serde_json::Map<String, serde_json::Value>>,
    steps: Vec<Step>,
}

#[derive(Deserialize)]
struct Step {
    #[serde(flatten)]
    input: StepInput,
    expected: Expected,
}

#[derive(Deserialize)]
struct Expected {
    orders: Vec<ExpectedOrder>,
    #[serde(default)]
    dislodged: Vec<DislodgedJson>,
    #[serde(default)]
    units: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct ExpectedOrder {
    power: String,
    order: String,
    result: String,
}

/// The verdict on one DATC case.
#[derive(Clone, Debug)]
pub struct CaseReport {
    /// DATC id with variant, e.g. `6.J.9a`.
    pub id: String,
    /// Section, e.g. `6.A`.
    pub section: String,
    /// DATC title.
    pub title: String,
    /// Every difference from the expected outcome; empty when the case passes.
    pub failures: Vec<String>,
}

impl CaseReport {
    /// Whether the case passed.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Why the corpus could not be read.
#[derive(Debug, thiserror::Error)]
#[error("DATC corpus: {0}")]
pub struct CorpusError(pub String);

/// Runs every case of a corpus given as JSON text.
pub fn run_corpus(map: &Map, json: &str) -> Result<Vec<CaseReport>, CorpusError> {
    let corpus: Corpus = serde_json::from_str(json).map_err(|e| CorpusError(e.to_string()))?;
    Ok(corpus.cases.iter().map(|c| run_case(map, c)).collect())
}

fn run_case(map: &Map, case: &Case) -> CaseReport {
    let mut failures = Vec::new();
    for (k, step) in case.steps.iter().enumerate() {
        let phase = &step.input.position.phase;
        // The first step's position is the case's; later steps carry their own.
        let mut input = step.input.clone();
        if k == 0 {
            input.position.units = case.units.clone();
            input.position.supply_centers = case.supply_centers.clone();
        }
        let out = match run_step(map, &input) {
            Ok(o) => o,
            Err(e) => {
                failures.push(format!("step {k} ({phase}): input rejected: {e}"));
                continue;
            }
        };
        if out.orders.len() != step.expected.orders.len() {
            failures.push(format!("step {k}: {} results for {} orders", out.orders.len(), step.expected.orders.len()));
        }
        for (got, want) in out.orders.iter().zip(&step.expected.orders) {
            if got.power != want.power || got.order != want.order || got.result != want.result {
                failures.push(format!(
                    "{phase} {} {:?}: expected {}, got {}{}",
                    want.power,
                    want.order,
                    want.result,
                    got.result,
                    got.reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default()
                ));
            }
        }
        let mut got_d = out.dislodged.clone();
        let mut want_d = step.expected.dislodged.clone();
        for d in got_d.iter_mut().chain(want_d.iter_mut()) {
            d.retreats.sort();
        }
        got_d.sort();
        want_d.sort();
        if got_d != want_d {
            failures.push(format!("{phase} dislodged: expected {want_d:?}, got {got_d:?}"));
        }
        let mut want_u = step.expected.units.clone();
        want_u.retain(|_, v| !v.is_empty());
        for v in want_u.values_mut() {
            v.sort();
        }
        if out.units != want_u {
            failures.push(format!("{phase} units: expected {want_u:?}, got {:?}", out.units));
        }
    }
    CaseReport {
        id: format!("{}{}", case.id, case.variant.as_deref().unwrap_or("")),
        section: case.section.clone(),
        title: case.title.clone(),
        failures,
    }
}

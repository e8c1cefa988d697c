//! [`LlmReader`]: messages read by a language model into claims of a fixed JSON schema (see
//! [`crate::llm::prompt`]), validated against the board, with the rule reader behind it.
//!
//! The model's claims are not trusted: each order is parsed and grounded as the rule reader
//! grounds its own (the unit must exist, be of the type written and belong to the power said to
//! give it, and the order must be legal); each power and province must exist on the map. What
//! fails is dropped and reported as a [`Problem`](crate::read::Problem) (unknown places and powers,
//! missing units, wrong owners, illegal orders, claims of an unknown type). A
//! stated own order or arrangement that answers what the recipient proposed becomes `YES`, as
//! with the rule reader. When the request fails or the reply is not a JSON object with a
//! `claims` list, the [`RuleReader`] reads the message instead, and the [`ReadReport`] counts it.

use crate::llm::client::{ChatRequest, LlmClient, LlmError};
use crate::llm::prompt::{reader_system, reader_user};
use crate::llm::writer::reason;
use crate::press::{PowerSet, Press};
use crate::read::{Claims, ProblemKind, ReadContext, Reader, Reading, RuleReader};
use legate_engine::map::ProvinceSet;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// What an [`LlmReader`] has done so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadReport {
    /// Messages sent to the model.
    pub requested: u64,
    /// Messages read from the model's JSON.
    pub from_model: u64,
    /// Claims of the model dropped as ungrounded or unknown.
    pub dropped: u64,
    /// Messages read by the rule reader instead, by reason.
    pub fallbacks: BTreeMap<String, u64>,
}

/// A reader backed by a language model (see the [module documentation](self)).
#[derive(Debug)]
pub struct LlmReader {
    client: Arc<LlmClient>,
    report: Mutex<ReadReport>,
}

impl LlmReader {
    /// A reader using `client`.
    pub fn new(client: Arc<LlmClient>) -> LlmReader {
        LlmReader { client, report: Mutex::new(ReadReport::default()) }
    }

    /// What the reader has done so far.
    pub fn report(&self) -> ReadReport {
        self.report.lock().map(|r| r.clone()).unwrap_or_default()
    }

    fn note(&self, f: impl FnOnce(&mut ReadReport)) {
        if let Ok(mut r) = self.report.lock() {
            f(&mut r);
        }
    }
}

impl Reader for LlmReader {
    fn read(&self, ctx: &ReadContext<'_>, text: &str) -> Reading {
        let request = ChatRequest { system: reader_system(), user: reader_user(ctx, text), json: true, seed: 0 };
        self.note(|r| r.requested += 1);
        let reply = self.client.complete_all(&[request]).pop().unwrap_or(Err(LlmError::Empty));
        let parsed = reply.map_err(|e| reason(&e)).and_then(|t| claims_json(&t));
        match parsed {
            Ok(claims) => {
                let reading = from_claims(ctx, &claims);
                let problems = reading.problems.len() as u64;
                self.note(|r| {
                    r.from_model += 1;
                    r.dropped += problems;
                });
                reading
            }
            Err(why) => {
                self.note(|r| *r.fallbacks.entry(why).or_default() += 1);
                RuleReader.read(ctx, text)
            }
        }
    }
}

/// The `claims` list of a reply: the reply's outermost JSON object (code fences and words around
/// it are ignored).
fn claims_json(reply: &str) -> Result<Vec<Value>, String> {
    let (Some(start), Some(end)) = (reply.find('{'), reply.rfind('}')) else {
        return Err("no JSON object".into());
    };
    if end < start {
        return Err("no JSON object".into());
    }
    let value: Value = serde_json::from_str(&reply[start..=end]).map_err(|_| "malformed JSON".to_string())?;
    match value.get("claims") {
        Some(Value::Array(claims)) => Ok(claims.clone()),
        _ => Err("no claims list".into()),
    }
}

/// The powers named in `key` of a claim; problems for unknown names; `None` when any is unknown.
fn powers(ctx: &ReadContext<'_>, claim: &Value, key: &str, out: &mut Claims<'_, '_>) -> Option<PowerSet> {
    let mut set = PowerSet::EMPTY;
    for name in names(claim, key) {
        match ctx.map.power_by_name(&name).or_else(|| crate::text::match_power(ctx.map, &name.to_lowercase())) {
            Some(p) => set.insert(p),
            None => {
                out.problem(ProblemKind::UnknownPower, format!("{name:?} is no power"));
                return None;
            }
        }
    }
    Some(set)
}

/// The strings of a list (or a single string) under `key`.
fn names(claim: &Value, key: &str) -> Vec<String> {
    match claim.get(key) {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

/// The press of a model's claims, grounded against the board.
fn from_claims(ctx: &ReadContext<'_>, claims: &[Value]) -> Reading {
    let mut out = Claims::new(ctx);
    for claim in claims {
        let kind = claim.get("type").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
        let order = claim.get("order").and_then(Value::as_str);
        match (kind.as_str(), order) {
            ("will", Some(o)) => out.order(ctx.sender, o, false),
            ("refuse", Some(o)) => out.order(ctx.sender, o, true),
            ("propose", Some(o)) => out.order(ctx.recipient, o, false),
            ("yes", _) => out.answer(true),
            ("no", _) => out.answer(false),
            ("dmz", _) => {
                let Some(powers) = powers(ctx, claim, "powers", &mut out) else { continue };
                let mut provinces = ProvinceSet::EMPTY;
                let mut known = true;
                for name in names(claim, "provinces") {
                    match ctx.map.province_by_name(&name) {
                        Some(p) => provinces.insert(p),
                        None => {
                            out.problem(ProblemKind::UnknownPlace, format!("{name:?} is no province"));
                            known = false;
                        }
                    }
                }
                if known && !powers.is_empty() && !provinces.is_empty() {
                    out.arrangement(Press::Dmz { powers, provinces }, false);
                }
            }
            ("peace", _) => match powers(ctx, claim, "powers", &mut out) {
                Some(p) if p.len() >= 2 => out.arrangement(Press::Peace(p), false),
                _ => {}
            },
            ("alliance", _) => {
                let allies = powers(ctx, claim, "allies", &mut out);
                let against = powers(ctx, claim, "against", &mut out);
                if let (Some(allies), Some(against)) = (allies, against) {
                    if allies.len() >= 2 && !against.is_empty() {
                        out.arrangement(Press::Alliance { allies, against }, false);
                    }
                }
            }
            _ => out.problem(ProblemKind::Unrecognised, format!("a claim of no known kind: {claim}")),
        }
    }
    out.finish()
}

//! `legate analyze`: the plan-language measures of recorded full-press games.

use legate_dialogue::press::{Atom, Press};
use legate_engine::board::PhaseKind;
use legate_engine::game::Game;
use legate_engine::order::MainOrder;
use legate_engine::{Map, Order};
use legate_planner::search::{keeps, Claim};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What `analyze` reports.
#[derive(Debug, Default, Serialize)]
pub struct Analysis {
    /// Game records read.
    pub games: usize,
    /// Messages sent.
    pub messages: usize,
    /// Messages a language model wrote (the record's `by` is `model`).
    pub by_model: usize,
    /// Messages whose press (what the writer meant) and reading are both recorded.
    pub read_back: usize,
    /// Of the claims read back, the share the writer meant.
    pub precision: f64,
    /// Of the claims meant, the share read back.
    pub recall: f64,
    /// Messages that claim some of the sender's own orders.
    pub own_order_claims: usize,
    /// Share of those claimed orders the senders gave (all rounds).
    pub honesty: f64,
    /// The same, for messages of each phase's last talk round only.
    pub honesty_final_round: f64,
    /// Orders proposed to recipients.
    pub proposals: usize,
    /// Proposed orders the recipient said yes to.
    pub accepted: usize,
    /// Proposed orders the recipient gave.
    pub acted_on: usize,
    /// Messages that speak of peace between sender and recipient (an offer, or a yes to one).
    pub peace_said: usize,
    /// Of those, the share whose sender moved into none of the recipient's units or centres.
    pub peace_kept: f64,
}

fn atoms(map: &Map, text: Option<&String>) -> Option<Vec<Atom>> {
    text.and_then(|t| Press::parse(map, t).ok()).map(|p| p.atoms())
}

/// Runs the command.
pub fn run(files: &[PathBuf], json: bool) -> anyhow::Result<i32> {
    let mut a = Analysis::default();
    let (mut meant_read, mut read_total, mut meant_total) = (0usize, 0usize, 0usize);
    let (mut kept_sum, mut kept_final_sum, mut kept_final_n) = (0.0, 0.0, 0usize);
    let mut peace_kept_n = 0usize;
    for path in files {
        let game = Game::resume(path, |name| Map::load(name).map_err(|e| e.to_string()))?;
        let map = game.map();
        a.games += 1;
        for record in game.phases() {
            let board = record.board_before.to_board(map)?;
            let last_round = record.messages.iter().filter_map(|m| m.round).max();
            // Each power's orders, parsed once per phase.
            let orders: BTreeMap<&str, Vec<MainOrder>> = record
                .orders
                .iter()
                .map(|(power, texts)| {
                    let parsed = texts
                        .iter()
                        .filter_map(|t| match Order::parse(map, t, PhaseKind::Movement, Some(&board)) {
                            Ok(Order::Main(m)) => Some(m),
                            _ => None,
                        })
                        .collect();
                    (power.as_str(), parsed)
                })
                .collect();
            let given = |power: &str| orders.get(power).map_or(&[][..], Vec::as_slice);
            for m in &record.messages {
                a.messages += 1;
                a.by_model += usize::from(m.by.as_deref() == Some("model"));
                let meant = atoms(map, m.press.as_ref());
                if let (Some(meant), Some(read)) = (&meant, atoms(map, m.read.as_ref())) {
                    a.read_back += 1;
                    meant_total += meant.len();
                    read_total += read.len();
                    meant_read += read.iter().filter(|x| meant.contains(x)).count();
                }
                if let Some(k) = m.kept {
                    a.own_order_claims += 1;
                    kept_sum += k;
                    if m.round == last_round {
                        kept_final_sum += k;
                        kept_final_n += 1;
                    }
                }
                let Some(meant) = meant else { continue };
                let (from, to) = (map.power_by_name(&m.from), map.power_by_name(&m.to));
                let peace = |x: &Atom| match x {
                    Atom::Peace(p, q) => (Some(*p), Some(*q)) == (from, to) || (Some(*q), Some(*p)) == (from, to),
                    Atom::Yes(inner) => matches!(**inner, Atom::Peace(..)),
                    _ => false,
                };
                if let (Some(to), true) = (to, meant.iter().any(peace)) {
                    a.peace_said += 1;
                    peace_kept_n += usize::from(keeps(map, &board, given(&m.from), &Claim::Peace(to)));
                }
                let theirs = given(&m.to);
                for atom in &meant {
                    if let Atom::Propose(o) = atom {
                        a.proposals += 1;
                        a.acted_on += usize::from(theirs.contains(o));
                        let said_yes = record.messages.iter().any(|r| {
                            r.from == m.to
                                && r.to == m.from
                                && atoms(map, r.press.as_ref())
                                    .is_some_and(|xs| xs.iter().any(|x| *x == Atom::Yes(Box::new(atom.clone()))))
                        });
                        a.accepted += usize::from(said_yes);
                    }
                }
            }
        }
    }
    let ratio = |n: f64, d: usize| if d == 0 { 0.0 } else { n / d as f64 };
    a.precision = ratio(meant_read as f64, read_total);
    a.recall = ratio(meant_read as f64, meant_total);
    a.honesty = ratio(kept_sum, a.own_order_claims);
    a.honesty_final_round = ratio(kept_final_sum, kept_final_n);
    a.peace_kept = ratio(peace_kept_n as f64, a.peace_said);
    if json {
        println!("{}", serde_json::to_string(&a)?);
    } else {
        println!(
            "games: {}, messages: {} ({} with press and reading recorded, {} written by a model)",
            a.games, a.messages, a.read_back, a.by_model
        );
        println!(
            "consistency: precision {:.3}, recall {:.3} (claims read back against claims meant)",
            a.precision, a.recall
        );
        println!(
            "honesty: {} messages claim own orders; {:.1}% of those orders given ({:.1}% in each phase's last talk round)",
            a.own_order_claims,
            a.honesty * 100.0,
            a.honesty_final_round * 100.0
        );
        println!(
            "proposals: {} orders proposed, {} accepted ({:.1}%), {} given by the recipient ({:.1}%)",
            a.proposals,
            a.accepted,
            ratio(a.accepted as f64 * 100.0, a.proposals),
            a.acted_on,
            ratio(a.acted_on as f64 * 100.0, a.proposals)
        );
        println!(
            "peace: {} messages speak of peace between sender and recipient; {:.1}% of those senders kept it",
            a.peace_said,
            a.peace_kept * 100.0
        );
    }
    Ok(0)
}

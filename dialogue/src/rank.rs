//! Ranking candidate messages by the planner's counterfactual: how much our value rises if the
//! recipient leans toward what the message asks of it.
//!
//! The plan gives, for the recipient, its plausible actions (predicted probability π(a) ≥ 0.02)
//! and our value v(a) if it plays each ([`Responses`]). A candidate asks things of the recipient:
//! proposals of its orders, DMZs and peace it is part of — exactly the claims the recipient would
//! make by answering "yes" to the whole message. Reading it, the recipient is modelled as leaning
//! toward them as toward trusted evidence: π′(a) ∝ π(a)·exp(β·c·agreement(a, asked)), with the
//! compliance c = [`COMPLIANCE`]. The candidate's value is Σ π′(a)·v(a): a message that asks for
//! what helps us and what the recipient might plausibly do ranks first. Among equal values, the
//! candidate conveying more of the intent's claims wins ([`default_value`], as a tie-break).

use crate::filter::{default_value, FilterContext};
use crate::press::Press;
use crate::read::Reading;
use crate::write::Candidate;
use legate_planner::search::{agreement, Responses, BETA};

/// How far the recipient is modelled to lean toward what we ask, as a trust weight in [0, 1].
pub const COMPLIANCE: f64 = 0.5;

/// Weight of the tie-break (claims of the intent conveyed) against the counterfactual value.
const TIE_BREAK: f64 = 1e-9;

/// The counterfactual value of candidates to the power `responses` is about (see the
/// [module documentation](self)), for [`crate::filter::choose`].
pub fn counterfactual_value(responses: &Responses) -> impl Fn(&FilterContext<'_>, &Candidate, &Reading) -> f64 + '_ {
    move |ctx, candidate, reading| {
        let asked = reading.press.as_ref().map_or_else(Vec::new, |press| {
            Press::Yes(Box::new(press.clone())).evidence(ctx.map, ctx.board, responses.power, COMPLIANCE).claims
        });
        let weights: Vec<f64> = responses
            .actions
            .iter()
            .map(|(a, p, _)| p * (BETA * COMPLIANCE * agreement(ctx.map, ctx.board, a, &asked)).exp())
            .collect();
        let total: f64 = weights.iter().sum();
        let expected = if total > 0.0 {
            weights.iter().zip(&responses.actions).map(|(w, (_, _, v))| w * v).sum::<f64>() / total
        } else {
            0.0
        };
        expected + TIE_BREAK * default_value(ctx, candidate, reading)
    }
}

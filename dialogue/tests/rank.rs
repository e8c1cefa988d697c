//! Ranking by the planner's counterfactual: France writes to Germany on the opening board (the
//! setup of `common`), and Germany's plausible actions are worth different amounts to France.

mod common;

use common::{order, setup};
use legate_dialogue::filter::{choose, default_filters, FilterContext};
use legate_dialogue::press::Press;
use legate_dialogue::rank::counterfactual_value;
use legate_dialogue::read::RuleReader;
use legate_dialogue::write::{Author, Candidate};
use legate_planner::search::Responses;

#[test]
fn the_message_asking_for_what_helps_us_ranks_first() {
    let s = setup();
    let o = |t: &str| order(&s.map, &s.board, t);
    // Germany most likely moves to Burgundy (bad for France); the Ruhr is worth more to France.
    let responses = Responses {
        power: s.germany,
        actions: vec![
            (vec![o("A MUN - BUR"), o("A BER - KIE"), o("F KIE - DEN")], 0.8, 0.10),
            (vec![o("A MUN - RUH"), o("A BER - KIE"), o("F KIE - DEN")], 0.2, 0.30),
        ],
    };
    let candidate = |text: &str, press: &str| Candidate {
        text: text.to_string(),
        press: Press::parse(&s.map, press).unwrap(),
        by: Author::Offline,
    };
    let candidates = vec![
        candidate("I'll move my army in Paris to Burgundy.", "WILL (A PAR - BUR)"),
        candidate("Could you move your army in Munich to Ruhr?", "PRP (A MUN - RUH)"),
        candidate(
            "I'll move my army in Paris to Burgundy. Could you move your army in Munich to Ruhr?",
            "AND (WILL (A PAR - BUR)) (PRP (A MUN - RUH))",
        ),
    ];
    let ctx = FilterContext::new(&s.map, &s.board, s.france, &s.intent, None, &[], &RuleReader);
    let value = counterfactual_value(&responses);
    let values: Vec<f64> = candidates.iter().map(|c| value(&ctx, c, &ctx.read_back(c))).collect();
    // Without a request the recipient's play is as predicted: 0.8·0.10 + 0.2·0.30 = 0.14.
    assert!((values[0] - 0.14).abs() < 0.01, "no request: {:.4}", values[0]);
    assert!(values[1] > values[0] + 0.02, "asking for the Ruhr moves Germany toward it: {values:?}");
    assert!(values[1] < 0.30, "but not all the way: {:.4}", values[1]);
    assert!(values[2] > values[1], "equal requests: the message conveying more of the intent wins: {values:?}");
    let (chosen, _) = choose(&ctx, candidates, &default_filters(), &value);
    assert_eq!(chosen.unwrap().index, 2);
    // A request for what hurts us ranks below saying nothing of Germany's moves.
    let bad = candidate("Could you move your army in Munich to Burgundy?", "PRP (A MUN - BUR)");
    assert!(value(&ctx, &bad, &ctx.read_back(&bad)) < values[0], "asking for Burgundy lowers our value");
}

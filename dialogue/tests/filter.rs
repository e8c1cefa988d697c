//! Each filter on hand-made candidates, and the choice among candidates. France writes to Germany
//! on the opening board; its intent: A PAR - BUR with support from Marseilles and F BRE - MAO
//! (which does not concern Germany); Germany's part: A MUN - RUH, A BER - KIE, F KIE - DEN.

mod common;

use common::{setup, Setup};
use legate_dialogue::filter::{
    choose, default_filters, default_value, Consistency, Exchange, Filter, FilterContext, Grounding, Leakage,
    Repetition,
};
use legate_dialogue::press::{Atom, Press};
use legate_dialogue::read::{Reading, RuleReader};
use legate_dialogue::write::{Author, Candidate};

fn candidate(s: &Setup, text: &str, press: &str) -> Candidate {
    Candidate { text: text.to_string(), press: Press::parse(&s.map, press).unwrap(), by: Author::Offline }
}

/// Runs one filter on a candidate: `Ok`, or the reason.
fn run(
    s: &Setup,
    filter: &dyn Filter,
    heard: Option<&Press>,
    history: &[Exchange],
    text: &str,
    press: &str,
) -> Result<(), String> {
    let ctx = FilterContext::new(&s.map, &s.board, s.france, &s.intent, heard, history, &RuleReader);
    let c = candidate(s, text, press);
    let reading = ctx.read_back(&c);
    filter.check(&ctx, &c, &reading)
}

#[test]
fn grounding() {
    let s = setup();
    let ok = run(&s, &Grounding, None, &[], "I'll move my army in Paris to Burgundy.", "WILL (A PAR - BUR)");
    assert_eq!(ok, Ok(()));
    // A unit that does not exist.
    let e =
        run(&s, &Grounding, None, &[], "I'll move my fleet in Paris to Burgundy.", "WILL (A PAR - BUR)").unwrap_err();
    assert!(e.contains("there is no F PAR"), "{e}");
    // An illegal order, in the text and in the press meant.
    let e = run(&s, &Grounding, None, &[], "A PAR - MUN", "WILL (A PAR - MUN)").unwrap_err();
    assert!(e.contains("A PAR - MUN: the destination is not adjacent"), "{e}");
    // An invented place.
    let e =
        run(&s, &Grounding, None, &[], "I'll move my army in Paris to Atlantis.", "WILL (A PAR - BUR)").unwrap_err();
    assert!(e.contains("unknown place \"Atlantis\""), "{e}");
    // Answers: the orders of an accepted or refused proposal are ours.
    let heard = Press::parse(&s.map, "PRP (A PAR - BUR; A MAR - PIE)").unwrap();
    let answer = "I'll move my army in Paris to Burgundy, but not A MAR - PIE.";
    let meant = "AND (YES (PRP (A PAR - BUR))) (REJ (PRP (A MAR - PIE)))";
    assert_eq!(run(&s, &Grounding, Some(&heard), &[], answer, meant), Ok(()));
    // A unit of another power claimed as ours.
    let e = run(&s, &Grounding, None, &[], "I'll play A MUN - RUH.", "WILL (A MUN - RUH)").unwrap_err();
    assert!(e.contains("the unit is GERMANY's, not FRANCE's"), "{e}");
}

#[test]
fn consistency() {
    let s = setup();
    let text = "If you slip into the Ruhr, I'll move my army in Paris to Burgundy.";
    assert_eq!(run(&s, &Consistency, None, &[], text, "AND (WILL (A PAR - BUR)) (PRP (A MUN - RUH))"), Ok(()));
    // An own order the intent does not hold.
    let e =
        run(&s, &Consistency, None, &[], "I'll move my army in Paris to Picardy.", "WILL (A PAR - PIC)").unwrap_err();
    assert!(e.contains("says WILL (A PAR - PIC), which the intent does not hold"), "{e}");
    // A proposal the intent does not hold.
    let e = run(&s, &Consistency, None, &[], "Could you move your army in Munich to Burgundy?", "PRP (A MUN - BUR)")
        .unwrap_err();
    assert!(e.contains("says PRP (A MUN - BUR)"), "{e}");
    // Peace is entailed: neither side's orders enter the other's units or centres.
    assert_eq!(run(&s, &Consistency, None, &[], "Peace between us?", "PCE (FRANCE GERMANY)"), Ok(()));
    // Meant but not said.
    let e = run(&s, &Consistency, None, &[], "Hello Germany!", "WILL (A PAR - BUR)").unwrap_err();
    assert!(e.contains("means WILL (A PAR - BUR) but does not say it"), "{e}");
    // Refusing what we plan to do is a lie.
    let heard = Press::parse(&s.map, "PRP (A PAR - BUR)").unwrap();
    let e = run(&s, &Consistency, Some(&heard), &[], "Sorry, I can't do that.", "REJ (PRP (A PAR - BUR))").unwrap_err();
    assert!(e.contains("says REJ (PRP (A PAR - BUR))"), "{e}");
    assert_eq!(run(&s, &Consistency, Some(&heard), &[], "Deal.", "YES (PRP (A PAR - BUR))"), Ok(()));
}

#[test]
fn leakage() {
    let s = setup();
    assert_eq!(run(&s, &Leakage, None, &[], "I'll move my army in Paris to Burgundy.", "WILL (A PAR - BUR)"), Ok(()));
    // F BRE - MAO is ours, but far from Germany: telling Germany leaks it.
    let text = "I'll send my fleet in Brest into the Mid-Atlantic Ocean.";
    assert_eq!(run(&s, &Consistency, None, &[], text, "WILL (F BRE - MAO)"), Ok(()));
    let e = run(&s, &Leakage, None, &[], text, "WILL (F BRE - MAO)").unwrap_err();
    assert!(e.contains("reveals WILL (F BRE - MAO), which does not concern GERMANY"), "{e}");
    // Even when Germany guessed it: confirming reveals it as much.
    let heard = Press::parse(&s.map, "PRP (F BRE - MAO)").unwrap();
    let e = run(&s, &Leakage, Some(&heard), &[], "Deal.", "YES (PRP (F BRE - MAO))").unwrap_err();
    assert!(e.contains("reveals YES (PRP (F BRE - MAO))"), "{e}");
    // Arrangements with third powers are not Germany's business.
    let e = run(&s, &Leakage, None, &[], "I'd like peace with Italy.", "PCE (FRANCE ITALY)").unwrap_err();
    assert!(e.contains("reveals PCE (FRANCE ITALY)"), "{e}");
    // A stay-out promise far from Germany leaks our plan too.
    let e = run(&s, &Leakage, None, &[], "I'll stay out of Spain.", "DMZ (FRANCE) (SPA)").unwrap_err();
    assert!(e.contains("reveals DMZ (FRANCE) (SPA)"), "{e}");
    assert_eq!(run(&s, &Leakage, None, &[], "I'll stay out of the Ruhr.", "DMZ (FRANCE) (RUH)"), Ok(()));
}

#[test]
fn repetition() {
    let s = setup();
    let asked = Exchange {
        from: s.france,
        to: s.germany,
        text: "Could you move your army in Munich to Ruhr?".into(),
        press: Some(Press::parse(&s.map, "PRP (A MUN - RUH)").unwrap()),
    };
    let again = "Please send your army in Munich into the Ruhr.";
    // Unanswered: the same proposal again is rejected.
    let e = run(&s, &Repetition, None, std::slice::from_ref(&asked), again, "PRP (A MUN - RUH)").unwrap_err();
    assert!(e.contains("asks again what the unanswered last message asked: PRP (A MUN - RUH)"), "{e}");
    // Something new besides is fine; so is anything once Germany has answered.
    let more = "Please send your army in Munich into the Ruhr. Could you move your army in Berlin to Kiel?";
    assert_eq!(
        run(&s, &Repetition, None, std::slice::from_ref(&asked), more, "PRP (A MUN - RUH; A BER - KIE)"),
        Ok(())
    );
    let reply = Exchange { from: s.germany, to: s.france, text: "Maybe.".into(), press: None };
    let history = [asked.clone(), reply];
    assert_eq!(run(&s, &Repetition, None, &history, again, "PRP (A MUN - RUH)"), Ok(()));
    // The same words twice, answered or not, are rejected.
    let e = run(&s, &Repetition, None, &history, &asked.text, "PRP (A MUN - RUH)").unwrap_err();
    assert!(e.contains("word for word"), "{e}");
    // Messages to others do not count.
    let to_italy = Exchange { to: s.map.power_by_name("ITALY").unwrap(), ..asked };
    assert_eq!(run(&s, &Repetition, None, &[to_italy], again, "PRP (A MUN - RUH)"), Ok(()));
}

#[test]
fn choose_ranks_survivors_and_explains_rejections() {
    let s = setup();
    let ctx = FilterContext::new(&s.map, &s.board, s.france, &s.intent, None, &[], &RuleReader);
    let candidates = vec![
        candidate(&s, "I'll move my army in Paris to Picardy.", "WILL (A PAR - PIC)"),
        candidate(&s, "I'll move my army in Paris to Burgundy.", "WILL (A PAR - BUR)"),
        candidate(
            &s,
            "I'll move my army in Paris to Burgundy. Could you move your army in Munich to Ruhr?",
            "AND (WILL (A PAR - BUR)) (PRP (A MUN - RUH))",
        ),
        candidate(&s, "I'll send my fleet in Brest into the Mid-Atlantic Ocean.", "WILL (F BRE - MAO)"),
    ];
    let (chosen, rejected) = choose(&ctx, candidates.clone(), &default_filters(), &default_value);
    let chosen = chosen.unwrap();
    assert_eq!(chosen.index, 2, "the survivor saying most of the intent");
    assert_eq!(chosen.value, 2.0);
    assert_eq!(rejected.len(), 2);
    assert_eq!(rejected[0].index, 0);
    assert_eq!(rejected[0].reasons[0].0, "consistency");
    assert_eq!(rejected[1].index, 3);
    assert_eq!(rejected[1].reasons.iter().map(|r| r.0).collect::<Vec<_>>(), ["leakage"]);
    // Another value: the shortest message wins.
    let shortest = |_: &FilterContext<'_>, c: &Candidate, _: &Reading| -(c.text.len() as f64);
    let (chosen, _) = choose(&ctx, candidates.clone(), &default_filters(), &shortest);
    assert_eq!(chosen.unwrap().index, 1);
    // A value that only counts proposals of the intent (through the context's view).
    let proposals = |ctx: &FilterContext<'_>, _: &Candidate, r: &Reading| {
        r.atoms().iter().filter(|a| matches!(a, Atom::Propose(o) if ctx.view().theirs.contains(o))).count() as f64
    };
    let (chosen, _) = choose(&ctx, candidates, &default_filters(), &proposals);
    assert_eq!(chosen.unwrap().value, 1.0);
    // Nothing survives: no choice, every reason given.
    let (chosen, rejected) =
        choose(&ctx, vec![candidate(&s, "A PAR - MUN", "WILL (A PAR - MUN)")], &default_filters(), &default_value);
    assert!(chosen.is_none());
    assert_eq!(rejected[0].reasons.iter().map(|r| r.0).collect::<Vec<_>>(), ["grounding", "consistency"]);
}

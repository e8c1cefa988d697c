//! Games: the phase sequence, centre ownership, endings, and the JSON-lines record with resume.

use legate_engine::board::{Phase, PhaseKind};
use legate_engine::game::{advance, needs_adjustment, Game, GameEnd, GameError, Header, Message};
use legate_engine::map::{Power, STANDARD_TOML};
use legate_engine::position::Position;
use legate_engine::{Map, Order};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::path::PathBuf;

/// A record file in the temp directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str) -> TempFile {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        TempFile(std::env::temp_dir().join(format!("legate-game-test-{}-{name}-{nanos}.jsonl", std::process::id())))
    }

    fn lines(&self) -> Vec<String> {
        std::fs::read_to_string(&self.0).unwrap().lines().map(String::from).collect()
    }

    fn write_lines(&self, lines: &[String]) {
        std::fs::write(&self.0, lines.join("\n") + "\n").unwrap();
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn standard(name: &str) -> Result<Map, String> {
    assert_eq!(name, "standard");
    Ok(Map::standard())
}

fn power(map: &Map, name: &str) -> Power {
    map.power_by_name(name).unwrap()
}

/// Parses orders given as (power, text) for the game's current phase.
fn orders(game: &Game, list: &[(&str, &str)]) -> Vec<(Power, Order)> {
    let (map, board) = (game.map(), game.board());
    list.iter()
        .map(|(p, t)| {
            let o = Order::parse(map, t, board.phase.kind, Some(board)).unwrap_or_else(|e| panic!("{e}"));
            (power(map, p), o)
        })
        .collect()
}

fn random_orders(game: &Game, rng: &mut ChaCha8Rng) -> Vec<(Power, Order)> {
    legate_engine::legal::random_orders(game.map(), game.board(), rng)
}

fn phase(s: &str) -> Phase {
    s.parse().unwrap()
}

fn owner(game: &Game, prov: &str) -> Option<String> {
    let map = game.map();
    game.board().owner(map.province_by_name(prov).unwrap()).map(|p| map.power_name(p).to_string())
}

// ---------------------------------------------------------------------------------------------
// Records and resume

#[test]
fn create_play_and_resume() {
    let file = TempFile::new("resume");
    let mut header = Header::new("standard");
    header.seed = Some(42);
    let mut game = Game::create(Map::standard(), header.clone(), &file.0).unwrap();
    assert_eq!(game.path(), Some(file.0.as_path()));
    assert_eq!(file.lines().len(), 1, "the header is written at once");

    let mut rng = ChaCha8Rng::seed_from_u64(42);
    game.add_message(Message::new("FRANCE", "ENGLAND", "DMZ in the Channel?"));
    let mut names = Vec::new();
    for _ in 0..12 {
        let o = random_orders(&game, &mut rng);
        let before = game.board().phase;
        let rec = game.process(&o).unwrap();
        assert_eq!(rec.phase, before.to_string());
        assert_eq!(rec.results.len(), o.len(), "one result per order");
        names.push(rec.phase.clone());
    }
    assert_eq!(names[0], "S1901M");
    let parsed: Vec<Phase> = names.iter().map(|n| phase(n)).collect();
    assert!(parsed.windows(2).all(|w| w[0] < w[1]), "phases advance: {names:?}");
    assert_eq!(game.phases().len(), 12);
    assert_eq!(game.phases()[0].messages.len(), 1);
    assert!(game.phases()[1].messages.is_empty(), "messages belong to the phase they were sent in");

    let resumed = Game::resume(&file.0, standard).unwrap();
    assert_eq!(resumed.board(), game.board());
    assert_eq!(resumed.phases().len(), game.phases().len());
    assert_eq!(resumed.phases(), game.phases());
    assert_eq!(resumed.header(), &header);
    assert_eq!(resumed.end(), None);

    // Play on from the resumed game: the record keeps growing consistently.
    let mut resumed = resumed;
    let o = random_orders(&resumed, &mut rng);
    resumed.process(&o).unwrap();
    let again = Game::resume(&file.0, standard).unwrap();
    assert_eq!(again.phases().len(), 13);
    assert_eq!(again.board(), resumed.board());
}

#[test]
fn records_are_json_lines_with_the_header_first() {
    let file = TempFile::new("lines");
    let mut game = Game::create(Map::standard(), Header::new("standard"), &file.0).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for _ in 0..8 {
        let o = random_orders(&game, &mut rng);
        game.process(&o).unwrap();
    }
    game.agree_draw().unwrap();
    let lines = file.lines();
    assert_eq!(lines.len(), 1 + 8 + 1);
    let values: Vec<serde_json::Value> =
        lines.iter().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
    assert_eq!(values[0]["type"], "header");
    assert_eq!(values[0]["format"], "legate-game");
    assert_eq!(values[0]["version"], 1);
    assert_eq!(values[0]["map"], "standard");
    for v in &values[1..9] {
        assert_eq!(v["type"], "phase");
        assert!(v["phase"].is_string() && v["board_before"].is_object() && v["board_after"].is_object());
        assert!(v["results"].is_array() && v["orders"].is_object());
    }
    assert_eq!(values[1]["phase"], "S1901M");
    assert_eq!(values[1]["board_before"]["phase"], "S1901M");
    assert_eq!(values[1]["board_before"]["units"]["FRANCE"], serde_json::json!(["A MAR", "A PAR", "F BRE"]));
    // Each phase starts where the last one ended.
    for w in values[1..9].windows(2) {
        assert_eq!(w[0]["board_after"], w[1]["board_before"]);
        assert_eq!(w[0]["board_after"]["phase"], w[1]["phase"]);
    }
    assert_eq!(values[9]["type"], "end");
    assert_eq!(values[9]["reason"], "agreed");
    assert!(values[9].get("winner").is_none());
    assert_eq!(values[9]["centers"].as_object().unwrap().len(), 7);
    let total: u64 = values[9]["centers"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
    assert!(total >= 22);
}

fn recorded_game(name: &str, phases: usize) -> TempFile {
    let file = TempFile::new(name);
    let mut game = Game::create(Map::standard(), Header::new("standard"), &file.0).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    for _ in 0..phases {
        let o = random_orders(&game, &mut rng);
        game.process(&o).unwrap();
    }
    file
}

fn record_error(file: &TempFile) -> (usize, String, String) {
    match Game::resume(&file.0, standard) {
        Err(e @ GameError::Record { .. }) => {
            let text = e.to_string();
            let GameError::Record { path, line, message } = e else { unreachable!() };
            assert_eq!(path, file.0.display().to_string());
            assert!(text.starts_with(&format!("{path}:{line}: ")), "{text}");
            (line, message, text)
        }
        Err(e) => panic!("expected a record error, got {e}"),
        Ok(_) => panic!("a corrupt record resumed"),
    }
}

#[test]
fn a_corrupt_line_is_reported_with_its_number() {
    let file = recorded_game("corrupt", 4);
    let mut lines = file.lines();
    assert_eq!(lines.len(), 5);
    lines[2] = "{\"type\": \"phase\", \"phase\": ".into();
    file.write_lines(&lines);
    let (line, message, _) = record_error(&file);
    assert_eq!(line, 3);
    assert!(message.contains("not a record line"), "{message}");

    // A line that is JSON but not a record line.
    let mut lines = recorded_game("corrupt2", 3).lines();
    lines[3] = "{\"type\": \"gossip\"}".into();
    file.write_lines(&lines);
    let (line, _, _) = record_error(&file);
    assert_eq!(line, 4);
}

#[test]
fn record_structure_errors() {
    let good = recorded_game("structure", 2).lines();
    let file = TempFile::new("structure-bad");

    // The header must come first.
    let mut swapped = good.clone();
    swapped.swap(0, 1);
    file.write_lines(&swapped);
    let (line, message, _) = record_error(&file);
    assert_eq!((line, message.as_str()), (1, "the first line must be the header"));

    // A second header.
    let mut twice = good.clone();
    twice.push(good[0].clone());
    file.write_lines(&twice);
    let (line, message, _) = record_error(&file);
    assert_eq!((line, message.as_str()), (4, "a second header"));

    // Another format.
    let mut other = good.clone();
    other[0] = other[0].replace("legate-game", "other-game");
    file.write_lines(&other);
    let (line, message, _) = record_error(&file);
    assert_eq!(line, 1);
    assert!(message.contains("other-game"), "{message}");

    // Nothing at all.
    std::fs::write(&file.0, "").unwrap();
    let (line, message, _) = record_error(&file);
    assert_eq!(line, 1);
    assert!(message.contains("no header"), "{message}");

    // A phase after the end.
    let ended = TempFile::new("ended");
    let mut g = Game::create(Map::standard(), Header::new("standard"), &ended.0).unwrap();
    g.process(&[]).unwrap();
    g.agree_draw().unwrap();
    let mut lines = ended.lines();
    lines.push(lines[1].clone());
    file.write_lines(&lines);
    let (line, message, _) = record_error(&file);
    assert_eq!((line, message.as_str()), (4, "a line after the end of the game"));

    // Blank lines are ignored.
    let mut blank = good.clone();
    blank.insert(1, String::new());
    file.write_lines(&blank);
    assert_eq!(Game::resume(&file.0, standard).unwrap().phases().len(), 2);

    // A map that cannot be loaded.
    file.write_lines(&good);
    match Game::resume(&file.0, |_| Err("no such map".to_string())) {
        Err(GameError::Record { line: 1, message, .. }) => assert_eq!(message, "no such map"),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("resumed without a map"),
    }

    // A record that does not exist.
    match Game::resume(std::path::Path::new("/nonexistent/legate/game.jsonl"), standard) {
        Err(e @ GameError::Io { .. }) => assert!(e.to_string().contains("/nonexistent/legate/game.jsonl"), "{e}"),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("resumed a missing file"),
    }
}

// ---------------------------------------------------------------------------------------------
// The phase sequence

#[test]
fn quiet_years_skip_retreats_and_adjustments() {
    let mut game = Game::new(Map::standard(), Header::new("standard"));
    assert_eq!(game.board().phase, phase("S1901M"));
    assert_eq!(game.path(), None);
    let rec = game.process(&[]).unwrap();
    assert_eq!(rec.phase, "S1901M");
    assert!(rec.results.is_empty());
    assert_eq!(game.board().phase, phase("F1901M"), "no retreat phase when nothing is dislodged");
    game.process(&[]).unwrap();
    assert_eq!(game.board().phase, phase("S1902M"), "no retreats and no adjustments when nothing changes");
    assert!(!needs_adjustment(game.map(), game.board()));
    assert_eq!(game.board().units().count(), 22);
}

#[test]
fn a_dislodgement_brings_a_retreat_phase_and_centres_change_after_fall() {
    let mut game = Game::new(Map::standard(), Header::new("standard"));
    game.process(&orders(&game, &[("AUSTRIA", "A VIE - TYR"), ("FRANCE", "A MAR - SPA"), ("ITALY", "A VEN H")]))
        .unwrap();
    assert_eq!(game.board().phase, phase("F1901M"));
    // Spain is occupied but not owned after Spring.
    assert_eq!(owner(&game, "SPA"), None);
    assert_eq!(owner(&game, "VIE").as_deref(), Some("AUSTRIA"));

    let rec = game
        .process(&orders(
            &game,
            &[
                ("AUSTRIA", "A TYR - VEN"),
                ("AUSTRIA", "F TRI S A TYR - VEN"),
                ("ITALY", "A VEN H"),
                ("FRANCE", "A SPA H"),
            ],
        ))
        .unwrap();
    assert_eq!(
        rec.results.iter().map(|r| r.result.as_str()).collect::<Vec<_>>(),
        ["succeeds", "succeeds", "fails", "succeeds"]
    );
    assert_eq!(rec.results[2].reason.as_deref(), Some("dislodged"));
    assert_eq!(game.board().phase, phase("F1901R"));
    assert_eq!(game.board().dislodged.len(), 1);
    let d = game.board().dislodged[0];
    let map = game.map();
    let mut retreats: Vec<String> = d.retreats.iter().map(|l| map.loc_name(l).to_string()).collect();
    retreats.sort();
    assert_eq!(retreats, ["APU", "PIE", "TUS"], "not into the attacker's province nor occupied ones");
    // Ownership waits for the end of the Fall retreats.
    assert_eq!(owner(&game, "VEN").as_deref(), Some("ITALY"));
    assert_eq!(owner(&game, "SPA"), None);

    game.process(&orders(&game, &[("ITALY", "A VEN R PIE")])).unwrap();
    assert_eq!(owner(&game, "VEN").as_deref(), Some("AUSTRIA"));
    assert_eq!(owner(&game, "SPA").as_deref(), Some("FRANCE"));
    assert_eq!(owner(&game, "VIE").as_deref(), Some("AUSTRIA"), "an empty home centre keeps its owner");
    assert_eq!(game.board().phase, phase("W1901A"), "builds and removals are due");
    let delta = game.board().adjustments();
    let map = game.map();
    assert_eq!(delta[power(map, "AUSTRIA")], 1);
    assert_eq!(delta[power(map, "FRANCE")], 1);
    assert_eq!(delta[power(map, "ITALY")], -1);

    // Italy gives no removal: civil disorder removes one unit.
    let rec = game.process(&orders(&game, &[("AUSTRIA", "A VIE B"), ("FRANCE", "F MAR B")])).unwrap();
    assert_eq!(rec.results.iter().map(|r| r.result.as_str()).collect::<Vec<_>>(), ["succeeds", "succeeds"]);
    assert_eq!(rec.civil_disorder.len(), 1);
    assert!(rec.civil_disorder[0].starts_with("ITALY "), "{:?}", rec.civil_disorder);
    assert_eq!(game.board().phase, phase("S1902M"));
    let units = game.board().unit_counts();
    let map = game.map();
    assert_eq!(units[power(map, "AUSTRIA")], 4);
    assert_eq!(units[power(map, "FRANCE")], 4);
    assert_eq!(units[power(map, "ITALY")], 2);
}

#[test]
fn a_retreat_phase_with_no_possible_retreat_is_skipped() {
    let map = Map::standard();
    let after_fall = |retreats: serde_json::Value| {
        let pos: Position = serde_json::from_value(serde_json::json!({
            "phase": "F1901R",
            "units": { "FRANCE": ["A SPA", "F BRE", "A PAR"], "AUSTRIA": ["A VEN", "F TRI", "A BUD"], "ITALY": ["A ROM", "F NAP"] },
            "dislodged": [ { "power": "ITALY", "unit": "A VEN", "attacker_from": "TYR", "retreats": retreats } ]
        }))
        .unwrap();
        pos.to_board(&map).unwrap()
    };
    // Nowhere to go: the unit is disbanded, the retreat phase skipped, centres change hands now.
    let mut b = after_fall(serde_json::json!([]));
    advance(&map, phase("F1901M"), &mut b);
    assert!(b.dislodged.is_empty());
    assert_eq!(b.phase, phase("W1901A"));
    let name = |b: &legate_engine::Board, p: &str| {
        b.owner(map.province_by_name(p).unwrap()).map(|o| map.power_name(o).to_string())
    };
    assert_eq!(name(&b, "SPA").as_deref(), Some("FRANCE"));
    assert_eq!(name(&b, "VEN").as_deref(), Some("AUSTRIA"));
    // A possible retreat: the phase is played, and ownership waits for it.
    let mut b = after_fall(serde_json::json!(["PIE"]));
    advance(&map, phase("F1901M"), &mut b);
    assert_eq!(b.phase, phase("F1901R"));
    assert_eq!(b.dislodged.len(), 1);
    assert_eq!(name(&b, "SPA"), None);
    assert_eq!(name(&b, "VEN").as_deref(), Some("ITALY"));
}

#[test]
fn adjustments_are_skipped_when_nobody_can_build_or_must_remove() {
    let map = Map::standard();
    // France owns five centres with four units, all home centres occupied: nothing to do.
    let pos: Position = serde_json::from_value(serde_json::json!({
        "phase": "W1901A",
        "units": { "FRANCE": ["F BRE", "A MAR", "A PAR", "A SPA"] },
        "supply_centers": { "FRANCE": ["BRE", "MAR", "PAR", "SPA", "POR"] }
    }))
    .unwrap();
    let mut after = pos.to_board(&map).unwrap();
    assert!(!needs_adjustment(&map, &after));
    advance(&map, phase("F1901R"), &mut after);
    assert_eq!(after.phase, phase("S1902M"));

    // With a vacant home centre the adjustment phase is played.
    let pos: Position = serde_json::from_value(serde_json::json!({
        "phase": "W1901A",
        "units": { "FRANCE": ["F BRE", "A GAS", "A PAR", "A SPA"] },
        "supply_centers": { "FRANCE": ["BRE", "MAR", "PAR", "SPA", "POR"] }
    }))
    .unwrap();
    let mut after = pos.to_board(&map).unwrap();
    assert!(needs_adjustment(&map, &after));
    advance(&map, phase("F1901R"), &mut after);
    assert_eq!(after.phase, phase("W1901A"));

    // A power with more units than centres must remove.
    let pos: Position = serde_json::from_value(serde_json::json!({
        "phase": "W1901A",
        "units": { "FRANCE": ["F BRE", "A MAR", "A PAR", "A SPA"] },
        "supply_centers": { "FRANCE": ["BRE", "MAR", "PAR"] }
    }))
    .unwrap();
    assert!(needs_adjustment(&map, &pos.to_board(&map).unwrap()));
}

#[test]
fn orders_of_another_phase_are_void() {
    let mut game = Game::new(Map::standard(), Header::new("standard"));
    let o = vec![
        (power(game.map(), "FRANCE"), Order::parse(game.map(), "A PAR B", PhaseKind::Adjustment, None).unwrap()),
        (power(game.map(), "FRANCE"), Order::parse(game.map(), "A PAR - BUR", PhaseKind::Movement, None).unwrap()),
    ];
    let rec = game.process(&o).unwrap().clone();
    assert_eq!(rec.results[0].result, "void");
    assert_eq!(rec.results[0].reason.as_deref(), Some("the order does not belong to this phase"));
    assert_eq!(rec.results[1].result, "succeeds");
    assert_eq!(rec.results[1].reason, None);
    assert_eq!(rec.orders["FRANCE"], ["A PAR B", "A PAR - BUR"]);
    let bur = game.map().province_by_name("BUR").unwrap();
    assert!(game.board().unit(bur).is_some());
}

// ---------------------------------------------------------------------------------------------
// Endings

#[test]
fn the_year_limit_ends_in_a_draw() {
    let file = TempFile::new("limit");
    let mut header = Header::new("standard");
    header.year_limit = Some(1901);
    let mut game = Game::create(Map::standard(), header, &file.0).unwrap();
    game.process(&[]).unwrap();
    assert_eq!(game.end(), None, "Spring 1901 is within the limit");
    game.process(&[]).unwrap();
    assert_eq!(game.end(), Some(&GameEnd::Draw { reason: "year limit" }));
    assert!(matches!(game.process(&[]), Err(GameError::Over)));
    let lines = file.lines();
    assert_eq!(lines.len(), 4);
    let end: serde_json::Value = serde_json::from_str(&lines[3]).unwrap();
    assert_eq!(end["type"], "end");
    assert_eq!(end["reason"], "year limit");
    assert_eq!(end["phase"], "S1902M");
    assert_eq!(end["centers"]["RUSSIA"], 4);
    let resumed = Game::resume(&file.0, standard).unwrap();
    assert_eq!(resumed.end(), Some(&GameEnd::Draw { reason: "year limit" }));
    assert_eq!(resumed.phases().len(), 2);
}

#[test]
fn an_agreed_draw_ends_the_game() {
    let file = TempFile::new("agreed");
    let mut game = Game::create(Map::standard(), Header::new("standard"), &file.0).unwrap();
    game.process(&[]).unwrap();
    game.agree_draw().unwrap();
    assert_eq!(game.end(), Some(&GameEnd::Draw { reason: "agreed" }));
    assert!(matches!(game.process(&[]), Err(GameError::Over)));
    assert_eq!(GameError::Over.to_string(), "the game is over");
    let resumed = Game::resume(&file.0, standard).unwrap();
    assert_eq!(resumed.end(), Some(&GameEnd::Draw { reason: "agreed" }));
    assert_eq!(resumed.board(), game.board());
}

#[test]
fn a_solo_needs_the_victory_centres_after_fall() {
    // A variant of the standard map where five centres win.
    let text = STANDARD_TOML.replacen("victory_centers = 18", "victory_centers = 5", 1);
    let map = Map::from_toml(&text, "five.toml").unwrap();
    let file = TempFile::new("solo");
    let mut game = Game::create(map.clone(), Header::new("five.toml"), &file.0).unwrap();
    game.process(&orders(&game, &[("RUSSIA", "F SEV - RUM")])).unwrap();
    assert_eq!(game.end(), None, "occupying Rumania in Spring does not count");
    assert_eq!(owner(&game, "RUM"), None);
    game.process(&orders(&game, &[("RUSSIA", "F RUM H")])).unwrap();
    let russia = power(&map, "RUSSIA");
    assert_eq!(game.end(), Some(&GameEnd::Solo(russia)));
    let end: serde_json::Value = serde_json::from_str(file.lines().last().unwrap()).unwrap();
    assert_eq!(end["reason"], "solo");
    assert_eq!(end["winner"], "RUSSIA");
    assert_eq!(end["centers"]["RUSSIA"], 5);
    let resumed = Game::resume(&file.0, |name| {
        assert_eq!(name, "five.toml");
        Ok(map.clone())
    })
    .unwrap();
    assert_eq!(resumed.end(), Some(&GameEnd::Solo(russia)));
}

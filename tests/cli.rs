//! The `legate` binary, run as a user would.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const LEGATE: &str = env!("CARGO_BIN_EXE_legate");
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/datc/cases.json");

/// A directory of its own under the temp directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let dir = std::env::temp_dir().join(format!("legate-cli-test-{}-{name}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, text).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `legate` with `args` and `stdin`, in `dir`.
fn legate_in(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(LEGATE)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("legate runs");
    let mut input = child.stdin.take().unwrap();
    let text = stdin.to_string();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(text.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "legate {args:?} panicked:\n{stderr}");
    out
}

fn legate(args: &[&str], stdin: &str) -> Output {
    legate_in(&std::env::temp_dir(), args, stdin)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn home_centres() -> Value {
    json!({
        "AUSTRIA": ["BUD", "TRI", "VIE"],
        "ENGLAND": ["EDI", "LON", "LVP"],
        "FRANCE": ["BRE", "MAR", "PAR"],
        "GERMANY": ["BER", "KIE", "MUN"],
        "ITALY": ["NAP", "ROM", "VEN"],
        "RUSSIA": ["MOS", "SEV", "STP", "WAR"],
        "TURKEY": ["ANK", "CON", "SMY"]
    })
}

// ---------------------------------------------------------------------------------------------
// adjudicate

#[test]
fn adjudicate_a_file_prints_the_outcome() {
    let dir = TempDir::new("adjudicate");
    let step = json!({
        "phase": "S1901M",
        "units": { "FRANCE": ["A PAR", "A MAR"], "GERMANY": ["A MUN"] },
        "orders": { "FRANCE": ["A PAR - BUR", "A MAR S A PAR - BUR"], "GERMANY": ["A MUN - BUR"] }
    });
    let file = dir.write("step.json", &step.to_string());
    let out = legate(&["adjudicate", file.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("JSON output");
    assert_eq!(
        v,
        json!({
            "orders": [
                { "power": "FRANCE", "order": "A PAR - BUR", "result": "succeeds" },
                { "power": "FRANCE", "order": "A MAR S A PAR - BUR", "result": "succeeds" },
                { "power": "GERMANY", "order": "A MUN - BUR", "result": "fails", "reason": "bounced" }
            ],
            "dislodged": [],
            "units": { "FRANCE": ["A BUR", "A MAR"], "GERMANY": ["A MUN"] },
            "supply_centers": home_centres()
        })
    );
}

#[test]
fn adjudicate_reports_dislodgements_with_retreats() {
    let step = json!({
        "phase": "F1901M",
        "units": { "FRANCE": ["A PAR", "A MAR"], "GERMANY": ["A BUR"] },
        "orders": { "FRANCE": ["A PAR - BUR", "A MAR S A PAR - BUR"], "GERMANY": ["A BUR H"] }
    });
    let out = legate(&["adjudicate", "-"], &step.to_string());
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        v["orders"][2],
        json!({ "power": "GERMANY", "order": "A BUR H", "result": "fails", "reason": "dislodged" })
    );
    assert_eq!(
        v["dislodged"],
        json!([{
            "power": "GERMANY", "unit": "A BUR", "attacker_from": "PAR", "attacker_via_convoy": false,
            "retreats": ["BEL", "GAS", "MUN", "PIC", "RUH"]
        }])
    );
    assert_eq!(v["units"], json!({ "FRANCE": ["A BUR", "A MAR"] }));
    // A retreat phase may follow: centres do not change hands yet.
    assert_eq!(v["supply_centers"], home_centres());
}

#[test]
fn adjudicate_a_retreat_step() {
    let step = |phase: &str| {
        json!({
            "phase": phase,
            "units": { "FRANCE": ["A BUR", "A MAR", "A BEL"] },
            "dislodged": [{ "power": "GERMANY", "unit": "A BUR", "attacker_from": "PAR", "retreats": ["HOL", "MUN"] }],
            "orders": { "GERMANY": ["A BUR R MUN"] }
        })
        .to_string()
    };
    let out = legate(&["adjudicate"], &step("F1901R"));
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["orders"], json!([{ "power": "GERMANY", "order": "A BUR R MUN", "result": "succeeds" }]));
    assert_eq!(v["units"], json!({ "FRANCE": ["A BEL", "A BUR", "A MAR"], "GERMANY": ["A MUN"] }));
    assert_eq!(v["dislodged"], json!([]));
    // After the Fall retreats the occupier owns the centre.
    let mut centres = home_centres();
    centres["FRANCE"] = json!(["BEL", "BRE", "MAR", "PAR"]);
    assert_eq!(v["supply_centers"], centres);

    // After the Spring retreats nothing changes hands.
    let out = legate(&["adjudicate"], &step("S1901R"));
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["supply_centers"], home_centres());
    // A retreat to a place not among the options is void; the unit is disbanded.
    let bad = json!({
        "phase": "F1901R",
        "units": { "FRANCE": ["A BUR"] },
        "dislodged": [{ "power": "GERMANY", "unit": "A BUR", "attacker_from": "PAR", "retreats": ["MUN"] }],
        "orders": { "GERMANY": ["A BUR R RUH"] }
    });
    let out = legate(&["adjudicate"], &bad.to_string());
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["orders"][0]["result"], "void");
    assert_eq!(v["units"], json!({ "FRANCE": ["A BUR"] }));
}

#[test]
fn adjudicate_jsonl_answers_every_line_and_flags_bad_ones() {
    let good = json!({ "phase": "S1901M", "units": { "FRANCE": ["A PAR"] }, "orders": { "FRANCE": ["A PAR - BUR"] } })
        .to_string();
    let illegal =
        json!({ "phase": "S1901M", "units": { "FRANCE": ["A PAR"] }, "orders": { "FRANCE": ["A PAR - XYZ"] } })
            .to_string();
    let input = format!("{good}\n{{\"phase\": \"S1901M\", \"units\": \n{illegal}\n");
    let out = legate(&["adjudicate", "--jsonl"], &input);
    assert_eq!(out.status.code(), Some(2), "a bad line gives exit code 2");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    let v: Vec<Value> = lines.iter().map(|l| serde_json::from_str(l).expect("each answer is JSON")).collect();
    assert_eq!(v[0]["orders"][0]["result"], "succeeds");
    assert_eq!(v[0]["units"], json!({ "FRANCE": ["A BUR"] }));
    let err = v[1]["error"].as_str().expect("the bad line gets {\"error\": ...}");
    assert!(err.starts_with("line 2:"), "{err}");
    assert!(err.contains("invalid step"), "{err}");
    assert_eq!(v[1].as_object().unwrap().len(), 1);
    // An unparsable order is not a bad line: it is an illegal order.
    assert_eq!(v[2]["orders"][0]["result"], "illegal");
    assert_eq!(v[2]["orders"][0]["reason"], "\"A PAR - XYZ\": unknown province \"XYZ\"");
}

#[test]
fn adjudicate_jsonl_reports_invalid_positions() {
    let input = [
        json!({ "phase": "S1901M", "units": { "FRENCH": ["A PAR"] } }).to_string(),
        json!({ "phase": "S1901M", "units": { "FRANCE": ["A PAR", "A PAR"] } }).to_string(),
        json!({ "phase": "X1901M", "units": {} }).to_string(),
        json!({ "phase": "S1901M", "units": { "FRANCE": ["F PAR"] } }).to_string(),
        json!({ "phase": "S1901M", "units": { "FRANCE": ["A PAR"] }, "orders": { "FRANCE": ["A PAR H"] } }).to_string(),
    ]
    .join("\n");
    let out = legate(&["adjudicate", "--jsonl"], &input);
    assert_eq!(out.status.code(), Some(2));
    let v: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(v.len(), 5);
    let e = |i: usize| {
        v[i]["error"].as_str().unwrap_or_else(|| panic!("line {} should be an error: {}", i + 1, v[i])).to_string()
    };
    assert!(e(0).starts_with("line 1:") && e(0).contains("FRENCH"), "{}", e(0));
    assert!(e(1).starts_with("line 2:") && e(1).contains("already occupied"), "{}", e(1));
    assert!(e(2).starts_with("line 3:") && e(2).contains("X1901M"), "{}", e(2));
    assert!(e(3).starts_with("line 4:") && e(3).contains("PAR"), "{}", e(3));
    assert_eq!(v[4]["orders"][0]["result"], "succeeds");

    // All good: exit code 0.
    let out = legate(&["adjudicate", "--jsonl"], &json!({ "phase": "S1901M", "units": {} }).to_string());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn adjudicate_a_malformed_file_names_it() {
    let dir = TempDir::new("malformed");
    let file = dir.write("bad.json", "nope");
    let out = legate(&["adjudicate", file.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("bad.json") && err.contains("invalid step"), "{err}");
    let missing = dir.path("missing.json");
    let out = legate(&["adjudicate", missing.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("missing.json"), "{}", stderr(&out));
}

#[test]
fn a_missing_map_file_is_named() {
    let out = legate(&["adjudicate", "--map", "/nonexistent.toml"], "{}");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("/nonexistent.toml"), "{err}");
    assert!(err.starts_with("legate: "), "{err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn a_broken_map_file_reports_file_and_line() {
    let dir = TempDir::new("broken-map");
    let text = legate_engine::map::STANDARD_TOML.replacen(
        "army = [\"BEL\", \"GAS\", \"MAR\", \"MUN\", \"PAR\", \"PIC\", \"RUH\"]",
        "army = [\"BEL\", \"GAS\", \"MAR\", \"MUN\", \"PAR\", \"PIC\", \"RUH\", \"PAX\"]",
        1,
    );
    let line = text[..text.find("\"PAX\"").expect("edited")].matches('\n').count() + 1;
    let map = dir.write("mine.toml", &text);
    let step = json!({ "phase": "S1901M", "units": {} }).to_string();
    let out = legate(&["adjudicate", "--map", map.to_str().unwrap()], &step);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let want = format!("{}:{line}: province \"BUR\": army adjacency names unknown province \"PAX\"", map.display());
    assert!(err.contains(&want), "expected {want:?} in:\n{err}");

    // The unbroken file, given by path, works.
    let good = dir.write("good.toml", legate_engine::map::STANDARD_TOML);
    let out = legate(&["adjudicate", "--map", good.to_str().unwrap()], &step);
    assert!(out.status.success(), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------------
// selfplay and export

#[test]
fn selfplay_is_reproducible_by_seed() {
    let dir = TempDir::new("selfplay");
    let run = |seed: &str, name: &str| {
        let path = dir.path(name);
        let out = legate_in(
            &dir.0,
            &["selfplay", "--seed", seed, "--out", path.to_str().unwrap(), "--year-limit", "1905"],
            "",
        );
        assert!(out.status.success(), "{}", stderr(&out));
        (std::fs::read(&path).expect("the record is written"), stdout(&out))
    };
    let (a, a_out) = run("5", "a.jsonl");
    let (b, b_out) = run("5", "b.jsonl");
    let (c, _) = run("6", "c.jsonl");
    assert!(!a.is_empty());
    assert_eq!(a, b, "the same seed gives byte-identical records");
    assert_eq!(a_out.replace("a.jsonl", "X"), b_out.replace("b.jsonl", "X"), "and the same printout");
    assert_ne!(a, c, "another seed gives another game");
    assert!(a_out.starts_with("S1901M\n"), "{a_out}");
    assert!(a_out.contains("draw (year limit)") || a_out.contains(" wins with "), "{a_out}");
    assert!(a_out.trim_end().ends_with(&format!("record: {}", dir.path("a.jsonl").display())), "{a_out}");

    let text = String::from_utf8(a).unwrap();
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).expect("JSON lines")).collect();
    assert_eq!(lines[0]["type"], "header");
    assert_eq!(lines[0]["seed"], 5);
    assert_eq!(lines[0]["year_limit"], 1905);
    assert_eq!(lines[0]["players"]["FRANCE"], "blueprint");
    assert_eq!(lines[1]["phase"], "S1901M");
    let last = lines.last().unwrap();
    assert_eq!(last["type"], "end");
    if last["reason"] == "year limit" {
        assert_eq!(last["phase"], "S1906M");
    }

    // Quiet: only the standings and the record's path.
    let path = dir.path("q.jsonl");
    let out = legate(&["selfplay", "--seed", "5", "--year-limit", "1905", "-q", "--out", path.to_str().unwrap()], "");
    assert!(out.status.success());
    let q = stdout(&out);
    assert!(!q.contains("S1901M"), "{q}");
    assert_eq!(q.lines().count(), 1 + 7 + 1, "{q}");
    assert_eq!(std::fs::read(&path).unwrap(), std::fs::read(dir.path("a.jsonl")).unwrap());
}

#[test]
fn export_mila_of_a_selfplay_record() {
    let dir = TempDir::new("export");
    let record = dir.path("game.jsonl");
    let out = legate(&["selfplay", "--seed", "3", "--year-limit", "1903", "-q", "--out", record.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let phases_in_record =
        std::fs::read_to_string(&record).unwrap().lines().filter(|l| l.contains("\"type\":\"phase\"")).count();
    assert!(phases_in_record >= 6);

    let out = legate(&["export", "--format", "mila", record.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(v["id"], "legate-3");
    assert_eq!(v["map"], "standard");
    let phases = v["phases"].as_array().expect("phases");
    assert_eq!(phases[0]["name"], "S1901M");
    assert_eq!(phases.len(), phases_in_record + 1, "every phase played, and the position reached");
    assert_eq!(phases[0]["state"]["name"], "S1901M");
    assert_eq!(phases[0]["state"]["units"]["FRANCE"], json!(["A MAR", "A PAR", "F BRE"]));
    assert_eq!(phases[0]["state"]["homes"]["RUSSIA"], json!(["MOS", "SEV", "STP", "WAR"]));
    assert!(phases[0]["orders"]["FRANCE"].as_array().is_some_and(|o| o.len() == 3));
    assert_eq!(phases.last().unwrap()["orders"], json!({}));
    let names: Vec<&str> = phases.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(
        names[1..].iter().filter(|n| n.ends_with('M')).count(),
        names.iter().filter(|n| n.ends_with('M')).count() - 1
    );

    // To a file: the same JSON.
    let file = dir.path("mila.json");
    let out = legate(&["export", record.to_str().unwrap(), "--out", file.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let from_file: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(from_file, v);

    // A missing record is named.
    let out = legate(&["export", dir.path("none.jsonl").to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("none.jsonl"), "{}", stderr(&out));
}

#[test]
fn a_closed_pipe_does_not_panic() {
    let dir = TempDir::new("pipe");
    let record = dir.path("game.jsonl");
    let out = legate(&["selfplay", "--seed", "1", "--year-limit", "1910", "-q", "--out", record.to_str().unwrap()], "");
    assert!(out.status.success());
    // The export is far larger than a pipe's buffer, so it must hit the closed pipe.
    let mut child = Command::new(LEGATE)
        .args(["export", record.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 16];
    child.stdout.as_mut().unwrap().read_exact(&mut head).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(out.status.code(), Some(101));
}

// ---------------------------------------------------------------------------------------------
// datc and help

#[test]
fn datc_prints_a_pass_table() {
    let out = legate(&["datc", CORPUS], "");
    let text = stdout(&out);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    assert!(text.lines().next().is_some_and(|l| l.starts_with("section")), "{text}");
    for section in ["6.A", "6.E", "6.J"] {
        assert!(text.lines().any(|l| l.starts_with(section)), "no row for {section}:\n{text}");
    }
    let summary = text.lines().find(|l| l.ends_with("DATC cases pass")).unwrap_or_else(|| panic!("{text}"));
    let (passed, total) = summary.split_whitespace().next().unwrap().split_once('/').unwrap();
    let (passed, total): (usize, usize) = (passed.parse().unwrap(), total.parse().unwrap());
    assert_eq!(total, 159);
    assert!(passed <= total);
    assert_eq!(out.status.code(), Some(if passed == total { 0 } else { 1 }));
    let fails = text.lines().filter(|l| l.starts_with("FAIL ")).count();
    assert_eq!(fails, total - passed);

    let out = legate(&["datc", "/nonexistent/cases.json"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/nonexistent/cases.json"), "{}", stderr(&out));
}

#[test]
fn help_lists_the_subcommands() {
    let out = legate(&["--help"], "");
    assert!(out.status.success());
    let text = stdout(&out);
    for cmd in ["adjudicate", "datc", "bench", "selfplay", "export"] {
        assert!(text.lines().any(|l| l.trim_start().starts_with(cmd)), "--help does not list {cmd}:\n{text}");
    }
    let out = legate(&["adjudicate", "--help"], "");
    assert!(out.status.success());
    assert!(stdout(&out).contains("--jsonl"));
    assert!(stdout(&out).contains("--map"));
    let out = legate(&["frobnicate"], "");
    assert_eq!(out.status.code(), Some(2), "clap rejects unknown subcommands");
}

#[test]
fn plan_explains_the_search_for_a_recorded_phase() {
    let dir = TempDir::new("plan");
    let record = dir.path("game.jsonl");
    let out = legate(&["selfplay", "--seed", "3", "--year-limit", "1903", "-q", "--out", record.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let args = [
        "plan",
        record.to_str().unwrap(),
        "--phase",
        "F1902M",
        "--power",
        "france",
        "--iterations",
        "8",
        "--candidates",
        "6",
    ];
    let out = legate(&args, "");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("FRANCE at F1902M (8 iterations)"), "{text}");
    for part in ["orders: ", "expected value: ", "predicted:", "  GERMANY:", "intents:", "  with ENGLAND: they play"] {
        assert!(text.contains(part), "{part:?} missing in:\n{text}");
    }
    // The same seed gives the same plan.
    assert_eq!(
        stdout(&legate(&args, "")).lines().take(3).collect::<Vec<_>>(),
        text.lines().take(3).collect::<Vec<_>>()
    );
    // A phase the game does not have, and a retreat phase, are refused with a reason.
    let out = legate(&["plan", record.to_str().unwrap(), "--phase", "S1950M", "--power", "FRANCE"], "");
    assert!(!out.status.success() && stderr(&out).contains("no phase S1950M"), "{}", stderr(&out));
    let out = legate(&["plan", record.to_str().unwrap(), "--phase", "W1901A", "--power", "FRANCE"], "");
    assert!(!out.status.success(), "{}", stderr(&out));
}

// play (the terminal UI itself is tested in tmux by tests/play_tui.rs)

#[test]
fn play_checks_its_options_and_needs_a_terminal() {
    let dir = TempDir::new("play");
    let out = legate_in(&dir.0, &["play", "--power", "atlantis"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("unknown power \"atlantis\": choose one of AUSTRIA, ENGLAND, FRANCE"),
        "{}",
        stderr(&out)
    );
    let out = legate_in(&dir.0, &["play", "--bots", "oracle"], "");
    assert!(stderr(&out).contains("--bots: ") && stderr(&out).contains("oracle"), "{}", stderr(&out));
    let out = legate_in(&dir.0, &["play", "--power", "france"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("legate play needs an interactive terminal"), "{}", stderr(&out));
    assert!(!dir.path("games").exists(), "no game is created without a terminal");
    // An existing record is never overwritten; options a resumed game takes from its record are refused.
    std::fs::write(dir.path("old.jsonl"), "kept\n").unwrap();
    let out = legate_in(&dir.0, &["play", "--power", "france", "--out", "old.jsonl"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--out old.jsonl: the file exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(dir.path("old.jsonl")).unwrap(), "kept\n");
    let out = legate_in(&dir.0, &["play", "--resume", "old.jsonl", "--seed", "4"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot be used with"), "{}", stderr(&out));
}

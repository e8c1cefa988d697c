//! `legate tournament`, run as a user would: small tournaments to 1903.

use legate_dialogue::press::Atom;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const LEGATE: &str = env!("CARGO_BIN_EXE_legate");

/// A directory of its own under the temp directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let dir = std::env::temp_dir().join(format!("legate-tournament-test-{}-{name}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn arg(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn legate(dir: &Path, args: &[&str]) -> Output {
    Command::new(LEGATE).args(args).current_dir(dir).output().expect("legate runs")
}

/// Runs a tournament that must succeed; its stdout.
fn ok(dir: &Path, args: &[&str]) -> String {
    let out = legate(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "legate {args:?} failed: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command that must fail with a clear message (no panic); its stderr.
fn fails(dir: &Path, args: &[&str]) -> String {
    let out = legate(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success(), "legate {args:?} should fail");
    assert_ne!(out.status.code(), Some(101), "legate {args:?} panicked: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// A small tournament to 1903, summarised as JSON.
fn json(dir: &Path, out: &str, extra: &[&str]) -> Value {
    let mut args = vec!["tournament", "--year-limit", "1903", "--json", "--out", out];
    args.extend_from_slice(extra);
    serde_json::from_str(ok(dir, &args).trim()).unwrap()
}

#[test]
fn the_summary_has_the_documented_shape() {
    let t = TempDir::new("shape");
    let v = json(&t.0, &t.arg("out"), &["--games", "7", "--lineup", "blueprint=1,random=6", "--seed", "3"]);
    assert_eq!(v["games"], 7);
    let bots = v["bots"].as_array().unwrap();
    assert_eq!(bots.iter().map(|b| b["name"].as_str().unwrap()).collect::<Vec<_>>(), ["blueprint", "random"]);
    let keys = [
        "name",
        "games",
        "solos",
        "draws",
        "survivals",
        "eliminations",
        "mean_centers",
        "mean_sos",
        "rating",
        "rating_ci",
    ];
    for b in bots {
        let obj = b.as_object().unwrap();
        assert_eq!(obj.keys().collect::<Vec<_>>(), keys.iter().collect::<Vec<_>>());
        let outcomes: u64 =
            ["solos", "draws", "survivals", "eliminations"].iter().map(|k| b[k].as_u64().unwrap()).sum();
        assert_eq!(outcomes, b["games"].as_u64().unwrap());
        let ci = b["rating_ci"].as_array().unwrap();
        assert_eq!(ci.len(), 2);
        let (lo, r, hi) = (ci[0].as_f64().unwrap(), b["rating"].as_f64().unwrap(), ci[1].as_f64().unwrap());
        assert!(lo <= r && r <= hi, "{b}");
    }
    assert_eq!(bots[0]["games"], 7);
    assert_eq!(bots[1]["games"], 42, "seat-games");
    assert!(t.path("out/game-00006.jsonl").exists());
    assert!(t.path("out/shard-1-of-1.json").exists());

    let table = ok(&t.0, &["tournament", "--games", "7", "--lineup", "blueprint=1,random=6", "--year-limit", "1903"]);
    assert!(table.contains("rating") && table.contains("blueprint") && table.contains("95% CI"), "{table}");
    assert!(t.path("games/tournament-1/game-00000.jsonl").exists(), "default output directory");
}

#[test]
fn the_same_seed_gives_the_same_results_whatever_the_jobs() {
    let t = TempDir::new("jobs");
    let args = ["--games", "10", "--lineup", "blueprint=3,random=2,hold=2", "--seed", "11"];
    let one = json(&t.0, &t.arg("one"), &[&args[..], &["--jobs", "1"]].concat());
    let two = json(&t.0, &t.arg("two"), &[&args[..], &["--jobs", "2"]].concat());
    assert_eq!(one, two);
    for g in 0..10 {
        let name = format!("game-{g:05}.jsonl");
        let a = std::fs::read(t.path("one").join(&name)).unwrap();
        let b = std::fs::read(t.path("two").join(&name)).unwrap();
        assert!(a == b, "{name} differs between --jobs 1 and --jobs 2");
    }
    let other =
        json(&t.0, &t.arg("other"), &["--games", "10", "--lineup", "blueprint=3,random=2,hold=2", "--seed", "12"]);
    assert_ne!(one, other, "another seed, other games");
}

#[test]
fn two_shards_merged_equal_one_run() {
    let t = TempDir::new("shards");
    let args = ["--games", "9", "--lineup", "blueprint=2,random=5", "--seed", "5"];
    let whole = json(&t.0, &t.arg("whole"), &args);
    let first = json(&t.0, &t.arg("a"), &[&args[..], &["--shard", "1/2"]].concat());
    let second = json(&t.0, &t.arg("b"), &[&args[..], &["--shard", "2/2"]].concat());
    assert_eq!(first["games"], 5);
    assert_eq!(second["games"], 4);
    let (a, b) = (t.arg("a/shard-1-of-2.json"), t.arg("b/shard-2-of-2.json"));
    let merged: Value = serde_json::from_str(ok(&t.0, &["tournament", "merge", "--json", &b, &a]).trim()).unwrap();
    assert_eq!(merged, whole);
    // The records are the unsharded run's too.
    for (dir, g) in [("a", 4), ("b", 7)] {
        let name = format!("game-{g:05}.jsonl");
        assert_eq!(
            std::fs::read(t.path(dir).join(&name)).unwrap(),
            std::fs::read(t.path("whole").join(&name)).unwrap()
        );
    }
    let table = ok(&t.0, &["tournament", "merge", &a, &b]);
    assert!(table.contains("9 games of blueprint=2,random=5"), "{table}");

    // A shard missing, repeated, or from another tournament.
    assert!(fails(&t.0, &["tournament", "merge", &a]).contains("missing shards: 2/2"));
    assert!(fails(&t.0, &["tournament", "merge", &a, &a, &b]).contains("both shard 1/2"));
    json(&t.0, &t.arg("c"), &["--games", "9", "--lineup", "blueprint=2,random=5", "--seed", "6", "--shard", "2/2"]);
    let e = fails(&t.0, &["tournament", "merge", &a, &t.arg("c/shard-2-of-2.json")]);
    assert!(e.contains("different tournaments") && e.contains("seed 5 vs 6"), "{e}");
    let e = fails(&t.0, &["tournament", "merge", &t.arg("whole/game-00000.jsonl")]);
    assert!(e.contains("not a tournament shard file"), "{e}");
}

/// Who played each power in a record (its header's `players`).
fn players(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap();
    let header: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    serde_json::from_value(header["players"].clone()).unwrap()
}

#[test]
fn every_bot_plays_every_power_equally_often() {
    let t = TempDir::new("seats");
    json(&t.0, &t.arg("out"), &["--games", "14", "--lineup", "blueprint=1,hold=2,random=4", "--jobs", "2"]);
    let mut seats: BTreeMap<(String, String), usize> = BTreeMap::new();
    for g in 0..14 {
        for (power, bot) in players(&t.path(&format!("out/game-{g:05}.jsonl"))) {
            *seats.entry((bot, power)).or_default() += 1;
        }
    }
    assert_eq!(seats.len(), 3 * 7, "every bot played every power: {seats:?}");
    for ((bot, power), n) in &seats {
        let per_rotation = match bot.as_str() {
            "blueprint" => 1,
            "hold" => 2,
            _ => 4,
        };
        assert_eq!(*n, 2 * per_rotation, "{bot} played {power} {n} times in 14 games");
    }
}

#[test]
fn a_config_defines_named_bots() {
    let t = TempDir::new("config");
    let config = t.path("tournament.toml");
    std::fs::write(
        &config,
        "games = 7\nlineup = \"cool=1,random=6\"\nyear_limit = 1902\n\n[bots.cool]\npolicy = \"blueprint\"\ntemperature = 0.05\n",
    )
    .unwrap();
    let out = t.arg("out");
    let v: Value = serde_json::from_str(
        ok(&t.0, &["tournament", "--config", config.to_str().unwrap(), "--json", "--out", &out]).trim(),
    )
    .unwrap();
    assert_eq!(v["games"], 7);
    assert_eq!(v["bots"][0]["name"], "cool");
    assert!(players(&t.path("out/game-00000.jsonl")).values().any(|b| b == "cool"));
    let shard: Value =
        serde_json::from_str(&std::fs::read_to_string(t.path("out/shard-1-of-1.json")).unwrap()).unwrap();
    assert_eq!(shard["tournament"]["bots"]["cool"]["temperature"], 0.05);
    assert_eq!(shard["tournament"]["year_limit"], 1902);
    // The command line wins over the config.
    let v: Value = serde_json::from_str(
        ok(&t.0, &["tournament", "--config", config.to_str().unwrap(), "--games", "2", "--json", "--out", &out]).trim(),
    )
    .unwrap();
    assert_eq!(v["games"], 2);
}

#[test]
fn mistakes_get_clear_errors() {
    let t = TempDir::new("errors");
    let run = |extra: &[&str]| {
        let mut args = vec!["tournament", "--games", "7", "--year-limit", "1901", "--out", "out"];
        args.extend_from_slice(extra);
        fails(&t.0, &args)
    };
    let e = run(&["--lineup", "blueprint=2,random=6"]);
    assert!(e.contains("add up to 8") && e.contains("7 powers"), "{e}");
    let e = run(&["--lineup", "blueprint=1,genius=6"]);
    assert!(e.contains("unknown bot \"genius\""), "{e}");
    let e = run(&["--lineup", "blueprint=one,random=6"]);
    assert!(e.contains("--lineup") && e.contains("blueprint=one"), "{e}");
    assert!(run(&[]).contains("no line-up"));
    assert!(run(&["--lineup", "random=7", "--shard", "3/2"]).contains("K/N"));

    let write = |name: &str, text: &str| {
        let p = t.path(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let bad = write("bad.toml", "lineup = \"cool=1,random=6\"\n[bots.cool\npolicy = \"blueprint\"\n");
    let e = run(&["--config", &bad]);
    assert!(e.contains("bad.toml") && e.contains("line 2"), "{e}");
    let typo = write("typo.toml", "[bots.cool]\npolicy = \"blueprint\"\ntemprature = 0.05\n");
    let e = run(&["--config", &typo, "--lineup", "cool=1,random=6"]);
    assert!(e.contains("typo.toml") && e.contains("temprature"), "{e}");
    let policy = write("policy.toml", "[bots.cool]\npolicy = \"genius\"\n");
    let e = run(&["--config", &policy, "--lineup", "cool=1,random=6"]);
    assert!(e.contains("policy.toml") && e.contains("bots.cool.policy") && e.contains("genius"), "{e}");
    let sum = write("sum.toml", "lineup = \"random=3\"\n");
    let e = run(&["--config", &sum]);
    assert!(e.contains("add up to 3"), "{e}");
    let e = run(&["--config", &t.arg("absent.toml"), "--lineup", "random=7"]);
    assert!(e.contains("absent.toml"), "{e}");
}

#[test]
fn talking_search_bots_write_honest_recorded_messages() {
    let t = TempDir::new("press");
    let config = t.path("press.toml");
    std::fs::write(
        &config,
        "games = 1\nlineup = \"talker=3,quiet=4\"\nyear_limit = 1901\n\n\
         [bots.talker]\npolicy = \"search\"\niterations = 8\ncandidates = 6\npress = \"full\"\n\n\
         [bots.quiet]\npolicy = \"search\"\niterations = 8\ncandidates = 6\n",
    )
    .unwrap();
    let out = t.arg("out");
    ok(&t.0, &["tournament", "--config", config.to_str().unwrap(), "--json", "--out", &out]);
    let text = std::fs::read_to_string(t.path("out/game-00000.jsonl")).unwrap();
    let talkers: Vec<String> =
        players(&t.path("out/game-00000.jsonl")).into_iter().filter(|(_, b)| b == "talker").map(|(p, _)| p).collect();
    assert_eq!(talkers.len(), 3);
    let (mut messages, mut peace_said) = (0, 0);
    let mut final_claims = Vec::new();
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        if v["type"] != "phase" {
            continue;
        }
        let last_round = v["messages"].as_array().unwrap().iter().filter_map(|m| m["round"].as_u64()).max();
        for m in v["messages"].as_array().unwrap() {
            messages += 1;
            assert!(talkers.contains(&m["from"].as_str().unwrap().to_string()), "only talkers write: {m}");
            for key in ["text", "press", "intent"] {
                assert!(m[key].is_string(), "{key} recorded: {m}");
            }
            assert_eq!(m["by"], "offline", "the offline writer wrote it: {m}");
            let map = legate_engine::Map::standard();
            let (from, to) =
                (map.power_by_name(m["from"].as_str().unwrap()), map.power_by_name(m["to"].as_str().unwrap()));
            let meant = legate_dialogue::press::Press::parse(&map, m["press"].as_str().unwrap()).unwrap().atoms();
            peace_said += usize::from(meant.iter().any(|a| match a {
                Atom::Peace(p, q) => [Some(*p), Some(*q)] == [from, to] || [Some(*q), Some(*p)] == [from, to],
                Atom::Yes(inner) => matches!(**inner, Atom::Peace(..)),
                _ => false,
            }));
            if let (Some(read), Some(meant)) = (m["read"].as_str(), m["press"].as_str()) {
                // The recipient reads what the sender meant, answers included.
                let map = legate_engine::Map::standard();
                let atoms = |t: &str| legate_dialogue::press::Press::parse(&map, t).unwrap().atoms();
                let (read, meant) = (atoms(read), atoms(meant));
                assert!(read.iter().all(|a| meant.contains(a)) && meant.iter().all(|a| read.contains(a)), "{m}");
            }
            if m["round"].as_u64() == last_round {
                if let Some(k) = m["kept"].as_f64() {
                    final_claims.push(k);
                }
            }
        }
    }
    assert!(messages > 0, "the talkers talked");
    assert!(final_claims.iter().all(|&k| k == 1.0), "final-round claims about own orders are kept: {final_claims:?}");
    // `legate analyze` reports the same.
    let a: Value =
        serde_json::from_str(ok(&t.0, &["analyze", "--json", t.path("out/game-00000.jsonl").to_str().unwrap()]).trim())
            .unwrap();
    assert_eq!(a["messages"], messages);
    assert_eq!(a["by_model"], 0);
    assert!(peace_said > 0, "talkers at peace say so");
    assert_eq!(a["peace_said"], peace_said);
    assert!((0.0..=1.0).contains(&a["peace_kept"].as_f64().unwrap()));
    assert_eq!(a["precision"], 1.0);
    assert_eq!(a["recall"], 1.0);
    if !final_claims.is_empty() {
        assert_eq!(a["honesty_final_round"], 1.0);
    }
    // Talk is reproducible too.
    let again = t.arg("again");
    ok(&t.0, &["tournament", "--config", config.to_str().unwrap(), "--json", "--out", &again]);
    assert_eq!(std::fs::read_to_string(t.path("again/game-00000.jsonl")).unwrap(), text);
    let bad = config.with_file_name("bad.toml");
    std::fs::write(&bad, "[bots.b]\npolicy = \"blueprint\"\npress = \"full\"\n").unwrap();
    let e = fails(&t.0, &["tournament", "--config", bad.to_str().unwrap(), "--lineup", "b=7"]);
    assert!(e.contains("bots.b.press: only the search"), "{e}");
}

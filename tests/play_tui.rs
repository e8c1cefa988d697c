//! `legate play` end to end: the real binary in a tmux terminal, driven by keys as a player would.
//! Skipped (with a message) where tmux is not installed; `.ci/run` installs it.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const LEGATE: &str = env!("CARGO_BIN_EXE_legate");

/// A tmux server of its own (its own socket) with one 120x40 session, killed when dropped.
struct Tmux {
    socket: String,
    dir: PathBuf,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().expect("tmux runs")
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "play"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success(), "send-keys {keys:?}");
    }

    fn text(&self, text: &str) {
        assert!(self.run(&["send-keys", "-t", "play", "-l", "--", text]).status.success(), "send-keys {text:?}");
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-t", "play", "-p"]).stdout).into_owned()
    }

    /// Waits until the screen shows every one of `want`; fails with the screen after `secs`.
    fn wait_for(&self, want: &[&str], secs: u64) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if want.iter().all(|w| screen.contains(w)) {
                return screen;
            }
            assert!(start.elapsed() < Duration::from_secs(secs), "waited {secs} s for {want:?}; the screen:\n{screen}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn tmux_available() -> bool {
    Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success())
}

#[test]
fn a_player_chooses_a_power_orders_talks_and_sees_the_result() {
    if !tmux_available() {
        // CI sets LEGATE_REQUIRE_TMUX: there a missing tmux fails instead of skipping.
        assert!(
            std::env::var_os("LEGATE_REQUIRE_TMUX").is_none(),
            "tmux is required (LEGATE_REQUIRE_TMUX) but missing"
        );
        eprintln!("SKIPPED: tmux is not installed (apt-get install tmux); the terminal UI end-to-end test did not run");
        return;
    }
    let id = format!("legate-e2e-{}", std::process::id());
    let dir = std::env::temp_dir().join(&id);
    std::fs::create_dir_all(&dir).unwrap();
    let t = Tmux { socket: id, dir: dir.clone() };
    let record = dir.join("game.jsonl");
    let cmd = format!("{LEGATE} play --seed 2 --out {}; sleep 60", record.display());
    let started =
        t.run(&["new-session", "-d", "-s", "play", "-x", "120", "-y", "40", "-c", dir.to_str().unwrap(), &cmd]);
    assert!(started.status.success(), "tmux new-session: {}", String::from_utf8_lossy(&started.stderr));

    t.wait_for(&["Choose your power", "AUSTRIA"], 30);
    t.keys(&["Down", "Down", "Enter"]);
    t.wait_for(&["Orders S1901M", "A PAR (holds)", "waiting for you"], 120);

    // An order by completion: select A PAR, type part of the destination, take the first match.
    t.keys(&["Down", "Down", "Enter"]);
    t.text("bur");
    t.wait_for(&["> A PAR bur"], 10);
    t.keys(&["Enter"]);
    t.wait_for(&["A PAR - BUR"], 10);

    // A message to England.
    t.keys(&["p", "Down", "Down", "Enter"]);
    t.text("Peace? I will move F BRE - MAO");
    t.keys(&["Enter"]);
    t.wait_for(&["FRANCE: Peace? I will move F BRE - MAO"], 10);

    // End the phase: told that two units hold, confirm.
    t.keys(&["e"]);
    t.wait_for(&["No order for F BRE, A MAR: holds"], 60);
    t.keys(&["e"]);
    let screen = t.wait_for(&["Results S1901M", "A PAR - BUR", "Fall 1901"], 120);
    assert!(screen.contains("✓ A PAR - BUR") || screen.contains("✗ A PAR - BUR"), "{screen}");

    // The phase is on disk with the order and the message.
    let text = std::fs::read_to_string(&record).unwrap();
    let phase: serde_json::Value = serde_json::from_str(text.lines().nth(1).expect("the phase was recorded")).unwrap();
    assert_eq!(phase["phase"], "S1901M");
    assert!(phase["orders"]["FRANCE"].as_array().unwrap().iter().any(|o| o == "A PAR - BUR"), "{phase}");
    assert!(
        phase["messages"].as_array().unwrap().iter().any(|m| m["from"] == "FRANCE" && m["to"] == "ENGLAND"),
        "{phase}"
    );

    t.keys(&["q"]);
    t.wait_for(&["Quit?"], 10);
    t.keys(&["q"]);
    t.wait_for(&["continue it with `legate play --resume"], 30);

    // Resumed: the next phase, as France, with the past phase in the history.
    let cmd = format!("{LEGATE} play --resume {}; sleep 60", record.display());
    assert!(t.run(&["kill-session", "-t", "play"]).status.success());
    let resumed =
        t.run(&["new-session", "-d", "-s", "play", "-x", "120", "-y", "40", "-c", dir.to_str().unwrap(), &cmd]);
    assert!(resumed.status.success(), "tmux new-session: {}", String::from_utf8_lossy(&resumed.stderr));
    t.wait_for(&["FRANCE", "Orders F1901M", "waiting for you"], 120);
    t.keys(&["h"]);
    t.wait_for(&["S1901M (1/1)", "A PAR - BUR"], 10);
    t.keys(&["q", "y"]);
    t.wait_for(&["continue it with `legate play --resume"], 30);
}

//! `legate play`: play one power against bots in a full-screen terminal UI.
//!
//! The UI (`legate-tui`) runs on the main thread; the game is hosted by a session thread that
//! talks to it only through channels: it sets the game up (new, or resumed from its record),
//! opens each phase, lets talking search bots negotiate (and answer the player's messages), waits
//! for the player's orders, plays the phase, appends it to the record and reports the result.
//! Nothing the UI does waits on a bot, and every phase is on disk as soon as it is played.

use crate::commands::selfplay::{LlmArgs, Press};
use crate::llm::TalkerLlm;
use crate::session::{answer_outsider, talk_phase, TalkConfig, Trust};
use anyhow::Context;
use legate_engine::board::PhaseKind;
use legate_engine::game::{Game, GameEnd, Header, Message};
use legate_engine::map::{Power, MAX_POWERS};
use legate_engine::order::validate::check_order;
use legate_engine::order::MainOrder;
use legate_engine::{Board, Map, Order};
use legate_planner::search::SearchConfig;
use legate_planner::Policy;
use legate_tui::protocol::{FromSession, ToSession};
use legate_tui::{MapLayout, Model};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;

/// Options of `legate play`.
pub struct PlayOptions<'a> {
    /// Map name or file.
    pub map: &'a str,
    /// The power the human plays; the start screen asks when absent.
    pub power: Option<&'a str>,
    /// Seed of the bots.
    pub seed: u64,
    /// Record file.
    pub out: Option<&'a Path>,
    /// Record to continue.
    pub resume: Option<&'a Path>,
    /// Year limit.
    pub year_limit: u16,
    /// The bot every other power plays.
    pub bots: &'a str,
    /// Whether search bots talk (with each other and with the player).
    pub press: Press,
    /// The language model talking bots write with (`--llm-*`); the offline writer without one.
    pub llm: &'a LlmArgs,
}

/// How the bots talk: whether they do, and their talk settings (with their model, if any).
struct Talk {
    press: Press,
    config: TalkConfig,
}

/// A game not created yet: it waits for the player's power.
struct NewGame {
    map: Map,
    map_name: String,
    seed: u64,
    year_limit: u16,
    bots: String,
    out: Option<PathBuf>,
    power: Option<String>,
}

/// The game the session hosts: resumed, or to be created once the power is known.
enum Hosted {
    Resumed(Box<Game>),
    New(Box<NewGame>),
}

/// Runs the command: checks the options, starts the session thread and runs the UI.
pub fn run(opts: PlayOptions<'_>) -> anyhow::Result<i32> {
    let (hosted, map_name) = match opts.resume {
        Some(path) => {
            let game = Game::resume(path, |name| Map::load(name).map_err(|e| e.to_string()))
                .with_context(|| format!("resuming {}", path.display()))?;
            let name = game.header().map.clone();
            (Hosted::Resumed(Box::new(game)), name)
        }
        None => {
            let map = super::load_map(opts.map)?;
            if let Some(p) = opts.power {
                power_named(&map, p)?;
            }
            legate_planner::policy_by_name(opts.bots).map_err(|e| anyhow::anyhow!("--bots: {e}"))?;
            if let Some(out) = opts.out.filter(|o| o.exists()) {
                anyhow::bail!(
                    "--out {0}: the file exists; continue that game with `legate play --resume {0}` or choose another file",
                    out.display()
                );
            }
            let new = NewGame {
                map,
                map_name: opts.map.to_string(),
                seed: opts.seed,
                year_limit: opts.year_limit,
                bots: opts.bots.to_string(),
                out: opts.out.map(Path::to_path_buf),
                power: opts.power.map(str::to_string),
            };
            (Hosted::New(Box::new(new)), opts.map.to_string())
        }
    };
    let map = match &hosted {
        Hosted::Resumed(g) => g.map().clone(),
        Hosted::New(n) => n.map.clone(),
    };
    let layout = MapLayout::load(&map_name, &map)?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!("legate play needs an interactive terminal (its input and output are not one)");
    }
    let press = opts.press;
    let llm: Option<Arc<TalkerLlm>> = opts.llm.talker()?;
    if llm.is_some() && (press != Press::Full || opts.bots != "search") {
        anyhow::bail!("--llm-base-url: only talking bots use a model; play with --bots search --press full");
    }
    let info = format!(
        "Six {} bots{}, seed {}. Saved after every phase.",
        opts.bots,
        if press == Press::Full { " that talk" } else { ", no press" },
        opts.seed
    );
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let model = Model::new(map, layout, info, color);
    let (to_session, from_ui) = channel();
    let (to_ui, from_session) = channel();
    let worker = std::thread::Builder::new()
        .name("session".into())
        .spawn(move || {
            let config = TalkConfig { llm: vec![llm; MAX_POWERS], ..TalkConfig::default() };
            session(hosted, Talk { press, config }, &from_ui, &to_ui)
        })
        .context("starting the game session")?;
    let ui = legate_tui::run(model, &to_session, &from_session);
    // The UI sent Quit when the player left; if it failed instead, tell the session now (a
    // session that has already gone ignores this).
    let _ = to_session.send(ToSession::Quit);
    drop(from_session);
    if !worker.is_finished() {
        eprintln!("Leaving: the bots finish the search they are in (the game is saved)…");
    }
    let path = worker.join().map_err(|_| anyhow::anyhow!("the game session failed"))?;
    ui.context("the terminal UI (legate play needs an interactive terminal)")?;
    if let Some(path) = path {
        println!("The game is saved in {0}; continue it with `legate play --resume {0}`.", path.display());
    }
    Ok(0)
}

fn power_named(map: &Map, name: &str) -> anyhow::Result<Power> {
    map.power_by_name(name).ok_or_else(|| {
        let all: Vec<&str> = map.powers().map(|p| map.power_name(p)).collect();
        anyhow::anyhow!("unknown power {name:?}: choose one of {}", all.join(", "))
    })
}

/// The session thread: hosts the game until the player quits; reports any failure to the UI
/// (the game is on disk up to the last phase played). Returns the record's path.
fn session(hosted: Hosted, talk: Talk, from_ui: &Receiver<ToSession>, to_ui: &Sender<FromSession>) -> Option<PathBuf> {
    let mut path = None;
    // A bot that panics must not take the game with it: what was played is on disk, and the UI
    // says so (its panic hook keeps the screen intact for a panic on this thread).
    let hosted =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| host(hosted, &talk, from_ui, to_ui, &mut path)));
    let failure = match hosted {
        Ok(Ok(Ended::Quit)) => return path,
        Ok(Ok(Ended::Over)) => None,
        Ok(Err(e)) => Some(format!("{e:#}")),
        Err(panic) => {
            let what =
                panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()));
            Some(format!(
                "the game session failed ({}); the game is saved up to the last phase played",
                what.unwrap_or_default()
            ))
        }
    };
    if let Some(e) = failure {
        let _ = to_ui.send(FromSession::Failed(e));
    }
    // Stay until the player leaves, so the UI can keep showing the game (or the failure).
    while let Ok(cmd) = from_ui.recv() {
        if cmd == ToSession::Quit {
            break;
        }
    }
    path
}

/// `games/play-POWER-SEED.jsonl`, or the first `games/play-POWER-SEED-N.jsonl` (N = 2, 3, …) not
/// taken, so a new game never overwrites an old one.
fn default_record(power: &str, seed: u64) -> PathBuf {
    let stem = format!("games/play-{}-{seed}", power.to_lowercase());
    std::iter::once(PathBuf::from(format!("{stem}.jsonl")))
        .chain((2..).map(|n| PathBuf::from(format!("{stem}-{n}.jsonl"))))
        .find(|p| !p.exists())
        .expect("an unbounded sequence of names has a free one")
}

/// Sends an event to the UI; a UI that is gone means the player left.
fn tell(to_ui: &Sender<FromSession>, event: FromSession) -> anyhow::Result<()> {
    to_ui.send(event).map_err(|_| anyhow::anyhow!("the UI has closed"))
}

/// Whether `me` has anything to order on `board`.
fn needs_orders(board: &Board, me: Power) -> bool {
    match board.phase.kind {
        PhaseKind::Movement => board.units().any(|(_, u)| u.power == me),
        PhaseKind::Retreat => board.dislodged.iter().any(|d| d.unit.power == me),
        PhaseKind::Adjustment => board.adjustments()[me] != 0,
    }
}

/// Parses and checks the player's orders.
fn check_orders(map: &Map, board: &Board, me: Power, texts: &[String]) -> Result<Vec<(Power, Order)>, String> {
    texts
        .iter()
        .map(|t| {
            let order = Order::parse(map, t, board.phase.kind, Some(board)).map_err(|e| e.to_string())?;
            let checked = check_order(map, board, me, &order);
            checked.map(|o| (me, o)).map_err(|e| format!("{t}: {e}"))
        })
        .collect()
}

/// How hosting a game ended, when nothing failed.
enum Ended {
    /// The player left.
    Quit,
    /// The game is over; the player is still looking at it.
    Over,
}

/// Hosts the game: sets it up, then plays phase after phase with the player (see the module
/// documentation); every phase is appended to the record as it is played.
fn host(
    hosted: Hosted,
    talk: &Talk,
    from_ui: &Receiver<ToSession>,
    to_ui: &Sender<FromSession>,
    path: &mut Option<PathBuf>,
) -> anyhow::Result<Ended> {
    let mut game = match hosted {
        Hosted::Resumed(game) => *game,
        Hosted::New(new) => {
            let new = *new;
            let power = match new.power.clone() {
                Some(p) => p,
                None => loop {
                    match from_ui.recv() {
                        Ok(ToSession::Start { power }) => break power,
                        Ok(ToSession::Quit) | Err(_) => return Ok(Ended::Quit),
                        Ok(_) => {}
                    }
                },
            };
            let me = power_named(&new.map, &power)?;
            let me_name = new.map.power_name(me).to_string();
            let out = new.out.clone().unwrap_or_else(|| default_record(&me_name, new.seed));
            let mut header = Header::new(&new.map_name);
            header.seed = Some(new.seed);
            header.year_limit = Some(new.year_limit);
            header.players = new
                .map
                .powers()
                .map(|p| {
                    (new.map.power_name(p).to_string(), if p == me { "human" } else { new.bots.as_str() }.to_string())
                })
                .collect();
            Game::create(new.map, header, &out).with_context(|| format!("creating {}", out.display()))?
        }
    };
    *path = game.path().map(Path::to_path_buf);
    let map = game.map().clone();
    let me_name = game
        .header()
        .players
        .iter()
        .find(|(_, v)| v.as_str() == "human")
        .map(|(k, _)| k.clone())
        .ok_or_else(|| anyhow::anyhow!("the record has no human player"))?;
    let me = power_named(&map, &me_name)?;
    let seats: Vec<Option<Box<dyn Policy>>> = map
        .powers()
        .map(|p| match game.header().players.get(map.power_name(p)).map(String::as_str) {
            Some("human") => Ok(None),
            Some(name) => legate_planner::policy_by_name(name).map(Some),
            None => legate_planner::policy_by_name("blueprint").map(Some),
        })
        .collect::<Result<_, _>>()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let talkers: Vec<Option<SearchConfig>> = seats
        .iter()
        .map(|s| {
            s.as_ref().filter(|b| talk.press == Press::Full && b.name() == "search").map(|_| SearchConfig::default())
        })
        .collect();
    tell(
        to_ui,
        FromSession::Started {
            power: me_name.clone(),
            path: path.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
            history: game.phases().to_vec(),
        },
    )?;
    let seed = game.header().seed.unwrap_or(1);
    let mut trust = Trust::replay(&map, game.phases().iter().flat_map(|r| &r.messages));
    while game.end().is_none() {
        let board = game.board().clone();
        // One generator per phase, from the seed and the phase's number: a resumed game plays on
        // exactly as it would have without the break (given the same moves and messages).
        let mut rng =
            ChaCha8Rng::seed_from_u64(seed ^ (game.phases().len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let needs = needs_orders(&board, me);
        tell(to_ui, FromSession::PhaseOpened { board: Box::new(board.clone()), needs_orders: needs })?;
        let speaking = crate::bots::speakers(&map, &board, &talkers);
        let mut bot_orders: Vec<(Power, Vec<Order>)> = Vec::new();
        let mut heard = Conversation::default();
        if !speaking.is_empty() {
            tell(to_ui, FromSession::Busy("the bots are negotiating…".into()))?;
            let (talked, messages) = talk_phase(&map, &board, &speaking, &talk.config, rng.gen(), &mut trust);
            for m in messages {
                if m.to == me_name {
                    tell(to_ui, FromSession::Message(m.clone()))?;
                    heard.told(&m);
                }
                game.add_message(m);
            }
            bot_orders.extend(talked.into_iter().map(|(p, os)| (p, os.into_iter().map(Order::Main).collect())));
        }
        for p in map.powers().filter(|p| !speaking.iter().any(|(q, _)| q == p)) {
            if let Some(bot) = &seats[p.index()] {
                bot_orders.push((p, bot.sample(&map, &board, p, &mut rng)));
            }
        }
        tell(to_ui, FromSession::Busy(String::new()))?;
        let mine = loop {
            if !needs {
                break Vec::new();
            }
            match from_ui.recv() {
                Ok(ToSession::SubmitOrders(texts)) => match check_orders(&map, &board, me, &texts) {
                    Ok(orders) => break orders,
                    Err(e) => tell(to_ui, FromSession::OrdersRefused(e))?,
                },
                Ok(ToSession::Send { to, text }) => {
                    game.add_message(Message::new(&me_name, &to, &text));
                    let seed = rng.gen();
                    let replies = answer(
                        &map,
                        &board,
                        &speaking,
                        &bot_orders,
                        &talk.config,
                        me,
                        &to,
                        &text,
                        &mut heard,
                        &trust,
                        seed,
                        to_ui,
                    )?;
                    for m in replies {
                        tell(to_ui, FromSession::Message(m.clone()))?;
                        heard.told(&m);
                        game.add_message(m);
                    }
                }
                Ok(ToSession::Start { .. }) => {}
                Ok(ToSession::Quit) | Err(_) => return Ok(Ended::Quit),
            }
        };
        let mut orders: Vec<(Power, Order)> =
            bot_orders.into_iter().flat_map(|(p, os)| os.into_iter().map(move |o| (p, o))).collect();
        orders.extend(mine);
        tell(to_ui, FromSession::Busy("playing the phase…".into()))?;
        let record = game.process(&orders)?.clone();
        tell(to_ui, FromSession::Resolved(Box::new(record)))?;
    }
    let counts = game.board().center_counts();
    let outcome = match game.end() {
        Some(GameEnd::Solo(p)) => format!("{} wins", map.power_name(*p)),
        Some(GameEnd::Draw { reason }) => format!("Draw ({reason})"),
        None => String::new(),
    };
    let mut standings: Vec<(String, usize)> =
        map.powers().map(|p| (map.power_name(p).to_string(), counts[p])).collect();
    standings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    tell(to_ui, FromSession::GameOver { outcome, standings })?;
    Ok(Ended::Over)
}

/// The player's talk with the bots in one phase: what the player told each bot, and the last
/// thing each bot told the player.
#[derive(Default)]
struct Conversation {
    from_player: Vec<(Power, String)>,
    last_to_player: Vec<(String, String)>,
}

impl Conversation {
    /// Notes a bot's message to the player.
    fn told(&mut self, m: &Message) {
        self.last_to_player.retain(|(from, _)| *from != m.from);
        self.last_to_player.push((m.from.clone(), m.text.clone()));
    }
}

/// The talking bots' replies to a message from the player to `to` (a power or `ALL`): each
/// addressed bot reads everything the player told it this phase (`heard` keeps it) and answers,
/// keeping the orders it settled on in the talk rounds (`bot_orders`), so that nothing it told
/// anyone becomes untrue.
#[allow(clippy::too_many_arguments)]
fn answer(
    map: &Map,
    board: &Board,
    speaking: &[(Power, SearchConfig)],
    bot_orders: &[(Power, Vec<Order>)],
    talk: &TalkConfig,
    me: Power,
    to: &str,
    text: &str,
    heard: &mut Conversation,
    trust: &Trust,
    seed: u64,
    to_ui: &Sender<FromSession>,
) -> anyhow::Result<Vec<Message>> {
    let addressed: Vec<&(Power, SearchConfig)> =
        speaking.iter().filter(|(p, _)| to == "ALL" || map.power_name(*p) == to).collect();
    if addressed.is_empty() {
        let why = format!("{to} does not answer (only search bots with units talk, and only with --press full)");
        tell(to_ui, FromSession::Notice(why))?;
        return Ok(Vec::new());
    }
    tell(to_ui, FromSession::Busy(format!("{to} is reading your message…")))?;
    let mut out = Vec::new();
    for (p, search) in addressed {
        heard.from_player.push((*p, text.to_string()));
        let told: Vec<String> = heard.from_player.iter().filter(|(q, _)| q == p).map(|(_, t)| t.clone()).collect();
        let name = map.power_name(*p);
        let answering = heard.last_to_player.iter().find(|(from, _)| from == name).map(|(_, t)| t.as_str());
        let orders: Vec<MainOrder> = bot_orders
            .iter()
            .filter(|(q, _)| q == p)
            .flat_map(|(_, os)| os.iter().filter_map(|o| if let Order::Main(m) = o { Some(*m) } else { None }))
            .collect();
        let seed = seed ^ p.index() as u64;
        let bot = crate::session::Outsider { me, heard: &told, answering };
        out.extend(answer_outsider(map, board, *p, search, &orders, talk, &bot, trust, seed));
    }
    tell(to_ui, FromSession::Busy(String::new()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::RecvTimeoutError;
    use std::time::Duration;

    /// A session thread on a new game (the power chosen on the start screen), with its channels.
    struct Running {
        to: Sender<ToSession>,
        from: Receiver<FromSession>,
        thread: std::thread::JoinHandle<Option<PathBuf>>,
    }

    fn start(hosted: Hosted, press: Press) -> Running {
        let (to, from_ui) = channel();
        let (to_ui, from) = channel();
        let talk = Talk { press, config: TalkConfig::default() };
        let thread = std::thread::spawn(move || session(hosted, talk, &from_ui, &to_ui));
        Running { to, from, thread }
    }

    impl Running {
        /// The next event that is not a `Busy` note.
        fn next(&self) -> FromSession {
            loop {
                match self.from.recv_timeout(Duration::from_secs(120)) {
                    Ok(FromSession::Busy(_)) => {}
                    Ok(ev) => return ev,
                    Err(RecvTimeoutError::Timeout) => panic!("the session said nothing for 120 s"),
                    Err(RecvTimeoutError::Disconnected) => panic!("the session stopped"),
                }
            }
        }

        fn quit(self) -> Option<PathBuf> {
            self.to.send(ToSession::Quit).unwrap();
            self.thread.join().unwrap()
        }
    }

    fn new_game(out: &Path, bots: &str) -> Hosted {
        Hosted::New(Box::new(NewGame {
            map: Map::standard(),
            map_name: "standard".into(),
            seed: 4,
            year_limit: 1901,
            bots: bots.into(),
            out: Some(out.to_path_buf()),
            power: None,
        }))
    }

    /// A new game recorded in a directory of its own (`name`), started as `power`.
    fn begin(name: &str, bots: &str, press: Press, power: &str) -> (Running, PathBuf) {
        let dir = std::env::temp_dir().join(format!("legate-play-{name}-{}", std::process::id()));
        let out = dir.join("game.jsonl");
        let s = start(new_game(&out, bots), press);
        s.to.send(ToSession::Start { power: power.into() }).unwrap();
        (s, out)
    }

    #[test]
    fn the_session_plays_the_players_orders_records_them_and_resumes() {
        let (s, out) = begin("session", "blueprint", Press::None, "ITALY");
        let FromSession::Started { power, path, history } = s.next() else { panic!("not started") };
        assert_eq!((power.as_str(), path, history.len()), ("ITALY", out.display().to_string(), 0));
        let FromSession::PhaseOpened { board, needs_orders: true } = s.next() else { panic!("no phase") };
        assert_eq!(board.phase.to_string(), "S1901M");
        // A bad order is refused with the reason and the phase stays open.
        s.to.send(ToSession::SubmitOrders(vec!["A VEN - MUN".into()])).unwrap();
        let FromSession::OrdersRefused(e) = s.next() else { panic!("no error") };
        assert!(e.starts_with("A VEN - MUN: "), "{e}");
        // A message to a bot that does not talk is recorded, and the player is told.
        s.to.send(ToSession::Send { to: "FRANCE".into(), text: "Stay out of Piedmont?".into() }).unwrap();
        let FromSession::Notice(e) = s.next() else { panic!("no notice") };
        assert!(e.contains("FRANCE does not answer"), "{e}");
        s.to.send(ToSession::SubmitOrders(vec!["A VEN - TYR".into(), "F NAP - ION".into()])).unwrap();
        let FromSession::Resolved(record) = s.next() else { panic!("not resolved") };
        assert_eq!(record.phase, "S1901M");
        assert_eq!(record.orders["ITALY"], ["A VEN - TYR", "F NAP - ION"], "A ROM holds without an order");
        assert!(record.orders["FRANCE"].len() == 3, "the bots ordered too: {:?}", record.orders);
        assert_eq!(record.messages, [Message::new("ITALY", "FRANCE", "Stay out of Piedmont?")]);
        let FromSession::PhaseOpened { board, .. } = s.next() else { panic!("no next phase") };
        assert_eq!(board.phase.to_string(), "F1901M");
        assert_eq!(s.quit(), Some(out.clone()));

        let game = Game::resume(&out, |n| Map::load(n).map_err(|e| e.to_string())).unwrap();
        let s = start(Hosted::Resumed(Box::new(game)), Press::None);
        let FromSession::Started { power, history, .. } = s.next() else { panic!("not started") };
        assert_eq!((power.as_str(), history.len()), ("ITALY", 1));
        let FromSession::PhaseOpened { board, .. } = s.next() else { panic!("no phase") };
        assert_eq!(board.phase.to_string(), "F1901M");
        s.quit();
        let _ = std::fs::remove_dir_all(out.parent().unwrap());
    }

    #[test]
    fn talking_bots_write_to_the_player_and_answer() {
        let (s, out) = begin("talk", "search", Press::Full, "FRANCE");
        assert!(matches!(s.next(), FromSession::Started { .. }));
        assert!(matches!(s.next(), FromSession::PhaseOpened { .. }));
        s.to.send(ToSession::Send { to: "ENGLAND".into(), text: "Peace? I will move F BRE - MAO.".into() }).unwrap();
        // Bot messages from the talk rounds come first, then England's answer.
        let answer = loop {
            match s.next() {
                FromSession::Message(m) if m.from == "ENGLAND" && m.round.is_none() => break m,
                FromSession::Message(m) => assert_eq!(m.to, "FRANCE", "only messages to the player reach it"),
                other => panic!("unexpected {other:?}"),
            }
        };
        assert_eq!(answer.to, "FRANCE");
        assert!(answer.press.is_some(), "the answer carries its press");
        s.quit();
        let _ = std::fs::remove_dir_all(out.parent().unwrap());
    }
}

//! `legate` — play Diplomacy against bots, run self-play, adjudicate positions, check the rules.

mod alloc;
mod bots;
mod commands;
mod llm;
mod session;
mod tournament;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Legate: a Diplomacy engine and agent.
///
/// Examples:
///   legate play                             play against six talking bots in a full-screen UI
///   legate play --power england --seed 3    choose your power and the bots' seed
///   legate selfplay --seed 7                 watch seven blueprint bots play a whole game
///   legate datc                              run the DATC corpus and print a pass table
///   legate adjudicate step.json              adjudicate one phase given as JSON
///   legate adjudicate --jsonl < steps.jsonl  one phase per line, one answer per line
///   legate bench adjudicate                  measure adjudication speed
///   legate export --format mila game.jsonl   convert a game record for the MILA tools
///   legate tournament --games 100 --lineup blueprint=1,random=6
///                                            100 games, seats rotated, with a ratings table
///   legate tournament merge games/tournament-1/shard-*.json
///                                            combine the shards of a tournament run on a cluster
#[derive(Parser)]
#[command(name = "legate", version, about, verbatim_doc_comment)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The map option shared by every command that needs a map.
#[derive(clap::Args, Clone)]
struct MapArg {
    /// Map: a name under maps/ (`standard` is built in) or the path of a map TOML file.
    #[arg(long, default_value = "standard", value_name = "NAME|FILE")]
    map: String,
}

#[derive(Subcommand)]
enum Command {
    /// Play one power against bots in a full-screen terminal UI: see the map, negotiate, write
    /// orders, watch what happened; every phase is saved and `--resume` continues the game.
    Play {
        /// The power you play (default: chosen on the start screen).
        #[arg(long)]
        power: Option<String>,
        /// Seed for the bots: the same seed and the same moves give the same game.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Record file (default: games/play-POWER-SEED.jsonl).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Continue a recorded game (its power, seed, bots, year limit and map come from the record).
        #[arg(long, value_name = "GAMEFILE", conflicts_with_all = ["power", "seed", "out", "bots", "year_limit", "map"])]
        resume: Option<PathBuf>,
        /// The bot the six other powers play (search, blueprint, random, hold).
        #[arg(long, alias = "bot", default_value = "search")]
        bots: String,
        /// `full`: search bots negotiate with each other and with you (offline writer, no model
        /// needed; or a model with --llm-base-url); `none`: no messages.
        #[arg(long, value_enum, default_value = "full")]
        press: commands::selfplay::Press,
        /// End in a draw after this year.
        #[arg(long, default_value_t = 1930)]
        year_limit: u16,
        #[command(flatten)]
        map: MapArg,
        #[command(flatten)]
        llm: commands::selfplay::LlmArgs,
    },
    /// Show what the search would play for one power at one phase of a recorded game, and why:
    /// its orders, every power's predicted actions, its expected value and its intents.
    Plan(commands::plan::PlanArgs),
    /// Report the plan-language measures of recorded games: messages, consistency of messages with
    /// their intents, honesty, proposals accepted and acted on.
    Analyze {
        /// Game records.
        #[arg(required = true)]
        games: Vec<PathBuf>,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Adjudicate one phase given in the JSON schema of shared/datc/README.md.
    ///
    /// Input: {"phase": "S1901M", "units": {"FRANCE": ["A PAR"]}, "orders": {"FRANCE": ["A PAR - BUR"]}}
    /// with optional "supply_centers" and, for retreat phases, "dislodged". Output: every order
    /// with its result (succeeds, fails, void, illegal), dislodged units with their retreats, and
    /// units and supply centres after the phase.
    #[command(verbatim_doc_comment)]
    Adjudicate {
        /// The JSON file (stdin when absent or `-`).
        file: Option<PathBuf>,
        /// Read one step per line on stdin and write one answer per line; a bad line gets
        /// {"error": "..."} and the exit code is 2.
        #[arg(long)]
        jsonl: bool,
        #[command(flatten)]
        map: MapArg,
    },
    /// Run the DATC corpus and print a pass table by section.
    Datc {
        /// The corpus (default: shared/datc/cases.json beside or above the current directory).
        path: Option<PathBuf>,
        /// Print every difference of each failing case.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Measure speed.
    Bench {
        #[command(subcommand)]
        what: BenchCommand,
    },
    /// Play a whole game between bots, print it phase by phase and record it.
    Selfplay {
        /// The bots: one name for every power, or one per power in map order
        /// (e.g. `blueprint,random,random,random,random,random,random`). Bots: random, hold, blueprint, search.
        #[arg(long, default_value = "blueprint")]
        bots: String,
        /// `full`: search bots talk before every movement phase (three rounds; the offline
        /// writer, or a model with `--llm-base-url`), and the conversation is printed and recorded.
        #[arg(long, value_enum, default_value = "none")]
        press: commands::selfplay::Press,
        /// Seed: the same seed gives the same game, byte for byte.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Record file (default: games/selfplay-SEED.jsonl).
        #[arg(long)]
        out: Option<PathBuf>,
        /// End in a draw after this year.
        #[arg(long, default_value_t = 1930)]
        year_limit: u16,
        /// Print only the final standings.
        #[arg(long, short)]
        quiet: bool,
        #[command(flatten)]
        map: MapArg,
        #[command(flatten)]
        llm: commands::selfplay::LlmArgs,
    },
    /// Play many games between bots in parallel and print a table per bot, with ratings.
    ///
    /// Seats rotate so every bot plays every power equally often; game g's seed comes from --seed
    /// and g alone, so the results are the same whatever --jobs is. Records go to
    /// OUT/game-NNNNN.jsonl, the per-game results to OUT/shard-K-of-N.json (shard-1-of-1.json
    /// unsharded). See docs/tournaments.md.
    ///
    /// Examples:
    ///   legate tournament --games 100 --lineup blueprint=1,random=6
    ///   legate tournament --config tournament.toml --json
    ///   legate tournament --games 1000 --lineup blueprint=1,random=6 --shard 3/20
    ///   legate tournament merge games/tournament-1/shard-*-of-20.json
    #[command(verbatim_doc_comment)]
    Tournament(commands::tournament::TournamentArgs),
    /// Convert a game record to another tool's format.
    Export {
        /// Output format (`mila`: the saved-game JSON of the MILA `diplomacy` package).
        #[arg(long, default_value = "mila")]
        format: ExportFormat,
        /// The game record (JSON lines).
        game: PathBuf,
        /// Output file (stdout when absent).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Time the offline writer and a full-press game of seven talking search bots.
    Talk {
        /// The game ends after this year.
        #[arg(long, default_value_t = 1905)]
        year_limit: u16,
        #[command(flatten)]
        map: MapArg,
    },
    /// Time default searches of mid-game movement phases on one thread and on all cores.
    Search {
        /// Positions searched.
        #[arg(long, default_value_t = 20)]
        positions: usize,
        /// Iterations per search (T).
        #[arg(long, default_value_t = 256)]
        iterations: usize,
        /// Candidates per power (K).
        #[arg(long, default_value_t = 30)]
        candidates: usize,
        #[command(flatten)]
        map: MapArg,
    },
    /// Compare the search's predictions of the other powers with the raw blueprint's, on the
    /// movement phases of recorded games that have a `search` seat.
    Predict {
        /// Game records (e.g. games/tournament-1/game-*.jsonl).
        #[arg(required = true)]
        games: Vec<PathBuf>,
        /// Movement phases used per game (from the start).
        #[arg(long, default_value_t = 10)]
        phases: usize,
        /// Search iterations per prediction.
        #[arg(long, default_value_t = 256)]
        iterations: usize,
    },
    /// Time legal movement-order generation per power on mid-game positions.
    Legal {
        #[command(flatten)]
        timing: Timing,
        #[command(flatten)]
        map: MapArg,
    },
    /// Time whole games between bots on one core (default: seven blueprints, to a solo or 1930).
    Games {
        /// The bots: one name for every power, or one per power in map order.
        #[arg(long, default_value = "blueprint")]
        bots: String,
        /// Games to play.
        #[arg(long, default_value_t = 50)]
        games: usize,
        /// Seed of the first game (game g uses seed + g).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// End in a draw after this year.
        #[arg(long, default_value_t = 1930)]
        year_limit: u16,
        #[command(flatten)]
        map: MapArg,
    },
    /// Time pure adjudication of movement phases (input parsed once, outside the timing).
    Adjudicate {
        /// Steps in the adjudicate schema, one per line (movement steps are used); by default,
        /// mid-game positions from random games with random legal orders.
        #[arg(long)]
        input: Option<PathBuf>,
        #[command(flatten)]
        timing: Timing,
        #[command(flatten)]
        map: MapArg,
    },
}

/// Generated positions and timed passes, for the benchmarks that time work per position.
#[derive(clap::Args, Clone, Copy)]
struct Timing {
    /// Mid-game positions to generate (from random games with random legal orders).
    #[arg(long, default_value_t = 2000)]
    positions: usize,
    /// Timed passes over all positions (the median is reported).
    #[arg(long, default_value_t = 7)]
    passes: usize,
    /// Seed for generated positions.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[derive(clap::ValueEnum, Clone, Copy)]
enum ExportFormat {
    /// MILA `diplomacy` saved game JSON.
    Mila,
}

/// Restores the default action of SIGPIPE, so that `legate … | head` ends quietly instead of
/// panicking on a closed pipe, as command-line tools do.
#[cfg(unix)]
fn quiet_on_closed_pipe() {
    // SAFETY: setting a signal's disposition to its default before any other thread exists.
    #[allow(unsafe_code)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn quiet_on_closed_pipe() {}

fn main() {
    quiet_on_closed_pipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Play { power, seed, out, resume, bots, press, year_limit, map, llm } => {
            commands::play::run(commands::play::PlayOptions {
                llm: &llm,
                map: &map.map,
                power: power.as_deref(),
                seed,
                out: out.as_deref(),
                resume: resume.as_deref(),
                year_limit,
                bots: &bots,
                press,
            })
        }
        Command::Plan(args) => commands::plan::run(&args),
        Command::Analyze { games, json } => commands::analyze::run(&games, json),
        Command::Adjudicate { file, jsonl, map } => commands::adjudicate::run(&map.map, file.as_deref(), jsonl),
        Command::Datc { path, verbose } => commands::datc::run(path.as_deref(), verbose),
        Command::Bench { what: BenchCommand::Talk { year_limit, map } } => commands::bench::talk(&map.map, year_limit),
        Command::Bench { what: BenchCommand::Search { positions, iterations, candidates, map } } => {
            commands::bench::search(&map.map, positions, iterations, candidates)
        }
        Command::Bench { what: BenchCommand::Predict { games, phases, iterations } } => {
            commands::bench::predict(&games, phases, iterations)
        }
        Command::Bench { what: BenchCommand::Legal { timing, map } } => {
            commands::bench::legal(&map.map, timing.positions, timing.passes, timing.seed)
        }
        Command::Bench { what: BenchCommand::Games { bots, games, seed, year_limit, map } } => {
            commands::bench::games(&map.map, &bots, games, seed, year_limit)
        }
        Command::Bench { what: BenchCommand::Adjudicate { input, timing, map } } => {
            commands::bench::run(&map.map, input.as_deref(), timing.positions, timing.passes, timing.seed)
        }
        Command::Selfplay { bots, press, seed, out, year_limit, quiet, map, llm } => {
            commands::selfplay::run(&map.map, &bots, press, seed, out.as_deref(), year_limit, quiet, &llm)
        }
        Command::Export { format: ExportFormat::Mila, game, out } => commands::export::run(&game, out.as_deref()),
        Command::Tournament(args) => commands::tournament::run(args),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("legate: {e:#}");
            std::process::exit(1);
        }
    }
}

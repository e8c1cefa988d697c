//! A game: the phase sequence, missing orders, victory, draws, messages, and the game record
//! (JSON lines, appended as play goes; see `docs/game-record.md`).

mod record;

pub use record::{EndRecord, GameError, Header, Line, Message, PhaseRecord};

use crate::adjudicate::{self, Adjudicator, OrderResult};
use crate::board::{Board, PhaseKind};
use crate::map::{Map, Power};
use crate::order::Order;
use crate::position::Position;
use crate::step::OrderResultJson;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How a game ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GameEnd {
    /// One power reached the victory threshold.
    Solo(Power),
    /// A draw shared by the surviving powers: agreed, or at the year limit.
    Draw {
        /// `"agreed"` or `"year limit"`.
        reason: &'static str,
    },
}

/// A game in progress, optionally writing its record to a file.
pub struct Game {
    map: Map,
    board: Board,
    header: Header,
    phases: Vec<PhaseRecord>,
    end: Option<GameEnd>,
    pending: Vec<Message>,
    path: Option<PathBuf>,
    adjudicator: Adjudicator,
}

impl Game {
    /// A new game at the map's starting position, not recorded to a file.
    pub fn new(map: Map, header: Header) -> Game {
        let board = Board::initial(&map);
        Game {
            map,
            board,
            header,
            phases: Vec::new(),
            end: None,
            pending: Vec::new(),
            path: None,
            adjudicator: Adjudicator::new(),
        }
    }

    /// A new game whose record is written to `path` (created or truncated; the header now, each
    /// phase as it is played).
    pub fn create(map: Map, header: Header, path: &Path) -> Result<Game, GameError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| GameError::io(path, e))?;
        }
        std::fs::write(path, "").map_err(|e| GameError::io(path, e))?;
        let mut g = Game::new(map, header);
        g.path = Some(path.to_path_buf());
        g.append(&Line::Header(g.header.clone()))?;
        Ok(g)
    }

    /// Resumes a game from its record. `load_map` turns the header's map name into a map.
    pub fn resume(path: &Path, load_map: impl FnOnce(&str) -> Result<Map, String>) -> Result<Game, GameError> {
        let (header, phases, end) = record::read(path)?;
        let map = load_map(&header.map).map_err(|e| GameError::Record {
            path: path.display().to_string(),
            line: 1,
            message: e,
        })?;
        let board = match phases.last() {
            Some(p) => p.board_after.to_board(&map).map_err(|e| GameError::Record {
                path: path.display().to_string(),
                line: phases.len() + 1,
                message: format!("board_after: {e}"),
            })?,
            None => Board::initial(&map),
        };
        let end = end.map(|e| match e.winner.as_deref().and_then(|w| map.power_by_name(w)) {
            Some(p) => GameEnd::Solo(p),
            None => GameEnd::Draw { reason: if e.reason == "agreed" { "agreed" } else { "year limit" } },
        });
        Ok(Game {
            map,
            board,
            header,
            phases,
            end,
            pending: Vec::new(),
            path: Some(path.to_path_buf()),
            adjudicator: Adjudicator::new(),
        })
    }

    /// The map.
    pub fn map(&self) -> &Map {
        &self.map
    }

    /// The current board (the phase to be played).
    pub fn board(&self) -> &Board {
        &self.board
    }

    /// The record's header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The phases played so far.
    pub fn phases(&self) -> &[PhaseRecord] {
        &self.phases
    }

    /// How the game ended, if it has.
    pub fn end(&self) -> Option<&GameEnd> {
        self.end.as_ref()
    }

    /// Where the record is written.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Records a message sent during the current phase.
    pub fn add_message(&mut self, message: Message) {
        self.pending.push(message);
    }

    /// Ends the game in a draw agreed by the surviving powers.
    pub fn agree_draw(&mut self) -> Result<(), GameError> {
        self.finish(GameEnd::Draw { reason: "agreed" })
    }

    /// Plays the current phase with these orders (units without orders hold; missing removals
    /// are made by civil disorder; orders of another phase kind are void), records it, and moves
    /// to the next phase that needs orders.
    pub fn process(&mut self, orders: &[(Power, Order)]) -> Result<&PhaseRecord, GameError> {
        if self.end.is_some() {
            return Err(GameError::Over);
        }
        let map = &self.map;
        let before = self.board.clone();
        let outcome = adjudicate::phase(map, &mut self.adjudicator, &before, orders);
        let mut after = outcome.board;
        advance(map, before.phase, &mut after);

        let mut by_power: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut results = Vec::with_capacity(orders.len());
        for ((p, o), r) in orders.iter().zip(&outcome.results) {
            let text = o.display(map).to_string();
            by_power.entry(map.power_name(*p).to_string()).or_default().push(text.clone());
            let (result, reason) = match r {
                Some(r) => (r.result, (r.result != OrderResult::Succeeds).then(|| r.reason.to_string())),
                None => (OrderResult::Void, Some(crate::order::validate::OrderError::WrongPhase.to_string())),
            };
            results.push(OrderResultJson {
                power: map.power_name(*p).to_string(),
                order: text,
                result: result.as_str().to_string(),
                reason,
            });
        }
        let record = PhaseRecord {
            phase: before.phase.to_string(),
            board_before: Position::from_board(map, &before),
            orders: by_power,
            results,
            civil_disorder: outcome
                .civil_disorder
                .iter()
                .map(|(p, u)| format!("{} {}", map.power_name(*p), crate::position::unit_text(map, u.kind, u.loc)))
                .collect(),
            board_after: Position::from_board(map, &after),
            messages: std::mem::take(&mut self.pending),
        };
        self.board = after;
        self.append(&Line::Phase(Box::new(record.clone())))?;
        self.phases.push(record);
        if let Some(end) = self.check_end() {
            self.finish(end)?;
        }
        Ok(self.phases.last().expect("just pushed"))
    }

    fn check_end(&self) -> Option<GameEnd> {
        let counts = self.board.center_counts();
        if let Some(p) = self.map.powers().find(|&p| counts[p] >= self.map.victory_centers) {
            return Some(GameEnd::Solo(p));
        }
        match self.header.year_limit {
            Some(limit) if self.board.phase.year > limit => Some(GameEnd::Draw { reason: "year limit" }),
            _ => None,
        }
    }

    fn finish(&mut self, end: GameEnd) -> Result<(), GameError> {
        let counts = self.board.center_counts();
        let centers = self.map.powers().map(|p| (self.map.power_name(p).to_string(), counts[p])).collect();
        let (winner, reason) = match &end {
            GameEnd::Solo(p) => (Some(self.map.power_name(*p).to_string()), "solo".to_string()),
            GameEnd::Draw { reason } => (None, reason.to_string()),
        };
        self.end = Some(end);
        self.append(&Line::End(EndRecord { phase: self.board.phase.to_string(), reason, winner, centers }))
    }

    fn append(&self, line: &Line) -> Result<(), GameError> {
        let Some(path) = &self.path else { return Ok(()) };
        let mut f = std::fs::OpenOptions::new().append(true).open(path).map_err(|e| GameError::io(path, e))?;
        let mut text = serde_json::to_string(line).expect("records serialise");
        text.push('\n');
        f.write_all(text.as_bytes()).map_err(|e| GameError::io(path, e))
    }
}

/// After a phase: centres change hands after the year's last Fall phase; a retreat phase nobody
/// can use is skipped (its units disband), and so is an adjustment phase where nobody builds or
/// removes.
pub fn advance(map: &Map, processed: crate::board::Phase, after: &mut Board) {
    adjudicate::update_ownership_after(map, processed, after);
    if after.phase.kind == PhaseKind::Retreat && after.dislodged.iter().all(|d| d.retreats.is_empty()) {
        after.dislodged.clear();
        after.phase = after.phase.next();
    }
    if after.phase.kind == PhaseKind::Adjustment && !needs_adjustment(map, after) {
        after.phase = after.phase.next();
    }
}

/// Whether any power must remove units or can build one.
pub fn needs_adjustment(map: &Map, board: &Board) -> bool {
    let delta = board.adjustments();
    map.powers().any(|p| {
        delta[p] < 0
            || (delta[p] > 0 && (map.power(p).home & board.centers_of(p)).iter().any(|c| board.unit(c).is_none()))
    })
}

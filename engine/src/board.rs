//! The board: phase, units, supply-centre owners, and units awaiting retreat.

use crate::map::{ByPower, Location, LocationSet, Map, Power, Province, ProvinceSet, UnitKind, MAX_PROVINCES};
use std::fmt;
use std::str::FromStr;

/// Spring, Fall or Winter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Season {
    /// Spring: movement, then retreats.
    Spring,
    /// Fall: movement, then retreats; centres change hands after it.
    Fall,
    /// Winter: adjustments.
    Winter,
}

/// What kind of orders a phase takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PhaseKind {
    /// Hold, move, support, convoy.
    Movement,
    /// Retreat or disband dislodged units.
    Retreat,
    /// Build, remove, waive.
    Adjustment,
}

/// A phase such as `S1901M`, `F1901R` or `W1901A`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Phase {
    /// The year.
    pub year: u16,
    /// The season.
    pub season: Season,
    /// The kind of orders.
    pub kind: PhaseKind,
}

impl Phase {
    /// Spring movement of `year`.
    pub fn spring(year: u16) -> Phase {
        Phase { year, season: Season::Spring, kind: PhaseKind::Movement }
    }

    /// The phase that follows this one, before any is skipped.
    pub fn next(self) -> Phase {
        use PhaseKind::*;
        use Season::*;
        match (self.season, self.kind) {
            (Spring, Movement) => Phase { kind: Retreat, ..self },
            (Spring, _) => Phase { season: Fall, kind: Movement, ..self },
            (Fall, Movement) => Phase { kind: Retreat, ..self },
            (Fall, _) => Phase { season: Winter, kind: Adjustment, ..self },
            (Winter, _) => Phase::spring(self.year + 1),
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self.season {
            Season::Spring => 'S',
            Season::Fall => 'F',
            Season::Winter => 'W',
        };
        let k = match self.kind {
            PhaseKind::Movement => 'M',
            PhaseKind::Retreat => 'R',
            PhaseKind::Adjustment => 'A',
        };
        write!(f, "{s}{}{k}", self.year)
    }
}

/// Why a phase name could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid phase {0:?}: expected a season letter (S, F, W), a year and a kind letter (M, R, A), e.g. S1901M")]
pub struct PhaseParseError(pub String);

impl FromStr for Phase {
    type Err = PhaseParseError;
    fn from_str(s: &str) -> Result<Phase, PhaseParseError> {
        let err = || PhaseParseError(s.to_string());
        let t = s.trim().to_ascii_uppercase();
        if t.len() < 3 || !t.is_ascii() {
            return Err(err());
        }
        let season = match &t[..1] {
            "S" => Season::Spring,
            "F" => Season::Fall,
            "W" => Season::Winter,
            _ => return Err(err()),
        };
        let kind = match &t[t.len() - 1..] {
            "M" => PhaseKind::Movement,
            "R" => PhaseKind::Retreat,
            "A" => PhaseKind::Adjustment,
            _ => return Err(err()),
        };
        let year: u16 = t[1..t.len() - 1].parse().map_err(|_| err())?;
        let valid = matches!(
            (season, kind),
            (Season::Spring | Season::Fall, PhaseKind::Movement | PhaseKind::Retreat)
                | (Season::Winter, PhaseKind::Adjustment)
        );
        if valid {
            Ok(Phase { year, season, kind })
        } else {
            Err(err())
        }
    }
}

/// A unit on the board.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Unit {
    /// Its owner.
    pub power: Power,
    /// Army or fleet.
    pub kind: UnitKind,
    /// Where it stands.
    pub loc: Location,
}

/// A unit dislodged in the last movement phase, awaiting its retreat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Dislodged {
    /// The unit (at the location it was dislodged from).
    pub unit: Unit,
    /// The province the attacker came from, when known.
    pub attacker_from: Option<Province>,
    /// Whether the attacker was convoyed.
    pub attacker_via_convoy: bool,
    /// Where it may retreat; empty means it will be disbanded.
    pub retreats: LocationSet,
}

/// The position: phase, units, centre ownership and dislodged units.
///
/// At most one unit stands in a province. Built from the map's start by [`Board::initial`] or
/// from a description by [`Board::empty`] and [`Board::place`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Board {
    /// The phase to be played.
    pub phase: Phase,
    units: [Option<Unit>; MAX_PROVINCES],
    /// The provinces in `units` that hold a unit (kept in step, for fast iteration).
    occupied: ProvinceSet,
    owners: [Option<Power>; MAX_PROVINCES],
    /// Units awaiting retreat (retreat phases only).
    pub dislodged: Vec<Dislodged>,
}

/// Why a unit could not be placed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceError {
    /// The province already holds a unit.
    #[error("{0} is already occupied")]
    Occupied(String),
    /// The unit cannot stand there (army at sea, fleet inland, fleet on a bicoastal province without coast).
    #[error("{kind} cannot stand at {loc}")]
    Terrain {
        /// "an army" or "a fleet".
        kind: &'static str,
        /// The location.
        loc: String,
    },
}

impl Board {
    /// An empty board at `phase` with no owners.
    pub fn empty(phase: Phase) -> Board {
        Board {
            phase,
            units: [None; MAX_PROVINCES],
            occupied: ProvinceSet::EMPTY,
            owners: [None; MAX_PROVINCES],
            dislodged: Vec::new(),
        }
    }

    /// The map's starting position: its units, home centres owned, Spring of the start year.
    pub fn initial(map: &Map) -> Board {
        let mut b = Board::empty(Phase::spring(map.start_year));
        for p in map.powers() {
            for (kind, loc) in map.power(p).units.iter().copied() {
                b.set_unit(map.province_of(loc), Some(Unit { power: p, kind, loc }));
            }
            for c in map.power(p).home.iter() {
                b.owners[c.index()] = Some(p);
            }
        }
        b
    }

    /// Makes this board equal to `other`, reusing this board's buffers (no allocation once the
    /// dislodged list has grown).
    pub fn copy_from(&mut self, other: &Board) {
        self.phase = other.phase;
        self.units = other.units;
        self.occupied = other.occupied;
        self.owners = other.owners;
        self.dislodged.clear();
        self.dislodged.extend_from_slice(&other.dislodged);
    }

    /// Places a unit, checking terrain and occupancy.
    pub fn place(&mut self, map: &Map, unit: Unit) -> Result<(), PlaceError> {
        let prov = map.province_of(unit.loc);
        if self.units[prov.index()].is_some() {
            return Err(PlaceError::Occupied(map.abbr(prov).to_string()));
        }
        if !map.can_stand(unit.kind, unit.loc) {
            let kind = if unit.kind == UnitKind::Army { "an army" } else { "a fleet" };
            return Err(PlaceError::Terrain { kind, loc: map.loc_name(unit.loc).to_string() });
        }
        self.set_unit(prov, Some(unit));
        Ok(())
    }

    /// The unit in a province.
    #[inline]
    pub fn unit(&self, p: Province) -> Option<Unit> {
        self.units[p.index()]
    }

    /// Removes and returns the unit in a province.
    pub fn take_unit(&mut self, p: Province) -> Option<Unit> {
        self.occupied.remove(p);
        self.units[p.index()].take()
    }

    /// Puts a unit in its province without checks (the caller keeps one unit per province).
    pub fn set_unit(&mut self, p: Province, unit: Option<Unit>) {
        if unit.is_some() {
            self.occupied.insert(p);
        } else {
            self.occupied.remove(p);
        }
        self.units[p.index()] = unit;
    }

    /// All units with their provinces, in province order.
    pub fn units(&self) -> impl Iterator<Item = (Province, Unit)> + '_ {
        self.occupied.iter().map(|p| (p, self.units[p.index()].expect("occupied provinces hold a unit")))
    }

    /// The owner of a supply centre.
    #[inline]
    pub fn owner(&self, p: Province) -> Option<Power> {
        self.owners[p.index()]
    }

    /// Sets the owner of a supply centre.
    pub fn set_owner(&mut self, p: Province, owner: Option<Power>) {
        self.owners[p.index()] = owner;
    }

    /// The centres a power owns.
    pub fn centers_of(&self, power: Power) -> ProvinceSet {
        self.owners.iter().enumerate().filter(|(_, o)| **o == Some(power)).map(|(i, _)| Province(i as u8)).collect()
    }

    /// Number of centres per power.
    pub fn center_counts(&self) -> ByPower<usize> {
        let mut c = ByPower::default();
        for p in self.owners.iter().flatten() {
            c[*p] += 1;
        }
        c
    }

    /// Number of units per power.
    pub fn unit_counts(&self) -> ByPower<usize> {
        let mut c = ByPower::default();
        for (_, u) in self.units() {
            c[u.power] += 1;
        }
        c
    }

    /// Gives each occupied supply centre to the occupier (done after the year's last Fall phase).
    pub fn update_ownership(&mut self, map: &Map) {
        for c in map.centers().iter() {
            if let Some(u) = self.units[c.index()] {
                self.owners[c.index()] = Some(u.power);
            }
        }
    }

    /// How many units each power must build (positive) or remove (negative) in its adjustment phase.
    pub fn adjustments(&self) -> ByPower<i32> {
        let centers = self.center_counts();
        let units = self.unit_counts();
        let mut d = ByPower::default();
        for i in 0..d.0.len() {
            d.0[i] = centers.0[i] as i32 - units.0[i] as i32;
        }
        d
    }
}

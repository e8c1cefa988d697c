//! The map: powers, provinces, locations (provinces and coasts) and adjacency.
//!
//! Identifiers are small `Copy` integers (`Power`, `Province`, `Location`); sets of them are
//! 128-bit masks. A map is loaded from TOML (see `docs/map-format.md`) by [`Map::from_toml`], which
//! validates everything; after that every query is an array lookup.

mod load;
mod set;

pub use load::{MapError, MapProblem};
pub use set::{LocationSet, ProvinceSet};

use std::collections::HashMap;
use std::fmt;

/// The most provinces (and locations) a map may have: sets are 128-bit masks.
pub const MAX_PROVINCES: usize = 128;
/// The most powers a map may have.
pub const MAX_POWERS: usize = 8;

/// The standard map's TOML text, embedded so that `legate` works from any directory.
pub const STANDARD_TOML: &str = include_str!("../../maps/standard.toml");

/// A power (a player), by index into [`Map::powers`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Power(pub u8);

/// A province, by index into the map's provinces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Province(pub u8);

/// A place a unit can stand: a province, or one coast of a bicoastal province.
///
/// Location `i` for `i < province_count` is province `i` itself; coasts follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location(pub u8);

impl Power {
    /// The index of this power.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl Province {
    /// The index of this province.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl Location {
    /// The index of this location.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A coast of a bicoastal province.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Coast {
    /// North coast, `/NC`.
    North,
    /// South coast, `/SC`.
    South,
    /// East coast, `/EC`.
    East,
    /// West coast, `/WC`.
    West,
}

impl Coast {
    /// The two-letter abbreviation, e.g. `"NC"`.
    pub fn abbr(self) -> &'static str {
        match self {
            Coast::North => "NC",
            Coast::South => "SC",
            Coast::East => "EC",
            Coast::West => "WC",
        }
    }

    /// Parses `NC`, `SC`, `EC`, `WC` (any case).
    pub fn from_abbr(s: &str) -> Option<Coast> {
        match s.to_ascii_uppercase().as_str() {
            "NC" => Some(Coast::North),
            "SC" => Some(Coast::South),
            "EC" => Some(Coast::East),
            "WC" => Some(Coast::West),
            _ => None,
        }
    }
}

/// Army or fleet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnitKind {
    /// An army: moves over land and coasts, may be convoyed.
    Army,
    /// A fleet: moves over sea and along coasts, may convoy.
    Fleet,
}

impl UnitKind {
    /// `'A'` or `'F'`.
    pub fn letter(self) -> char {
        match self {
            UnitKind::Army => 'A',
            UnitKind::Fleet => 'F',
        }
    }
}

/// What a province is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Terrain {
    /// Armies only.
    Land,
    /// Armies and fleets.
    Coast,
    /// Fleets only.
    Sea,
    /// No unit may enter (Switzerland).
    Impassable,
}

/// A power as the map describes it.
#[derive(Clone, Debug)]
pub struct PowerInfo {
    /// Upper-case name, e.g. `AUSTRIA`.
    pub name: String,
    /// Adjective, e.g. `Austrian`.
    pub adjective: String,
    /// Home supply centres.
    pub home: ProvinceSet,
    /// Starting units.
    pub units: Vec<(UnitKind, Location)>,
}

/// A province as the map describes it.
#[derive(Clone, Debug)]
pub struct ProvinceInfo {
    /// Three-letter abbreviation, upper case.
    pub abbr: String,
    /// Full name.
    pub name: String,
    /// Terrain.
    pub terrain: Terrain,
    /// Whether it is a supply centre.
    pub center: bool,
    /// The power whose home centre it is, if any.
    pub home_of: Option<Power>,
    /// Its coasts (empty unless bicoastal).
    pub coasts: Vec<Location>,
}

/// A location as the map describes it.
#[derive(Clone, Debug)]
pub struct LocationInfo {
    /// The province it belongs to.
    pub province: Province,
    /// Its coast, for a coast of a bicoastal province.
    pub coast: Option<Coast>,
    /// Locations an army here can move to (bare provinces).
    pub army_adj: LocationSet,
    /// Locations a fleet here can move to.
    pub fleet_adj: LocationSet,
    /// Provinces an army here can reach (for supports).
    pub army_reach: ProvinceSet,
    /// Provinces a fleet here can reach, on any coast (for supports).
    pub fleet_reach: ProvinceSet,
}

/// A validated map. Build one with [`Map::from_toml`] or [`Map::standard`].
#[derive(Clone, Debug)]
pub struct Map {
    /// The map's name.
    pub name: String,
    /// Supply centres needed for a solo victory.
    pub victory_centers: usize,
    /// The first year of a game.
    pub start_year: u16,
    powers: Vec<PowerInfo>,
    provinces: Vec<ProvinceInfo>,
    locations: Vec<LocationInfo>,
    /// Normalised names, abbreviations and aliases → province.
    names: HashMap<String, Province>,
    centers: ProvinceSet,
    seas: ProvinceSet,
    sea_spread: Vec<ProvinceSet>,
    /// Province adjacency ignoring unit type (for civil-disorder distances).
    any_adj: Vec<ProvinceSet>,
}

impl Map {
    /// The embedded standard map.
    pub fn standard() -> Map {
        Map::from_toml(STANDARD_TOML, "maps/standard.toml")
            .expect("the embedded standard map is valid (checked by tests)")
    }

    /// Loads a map by name (`standard`, or `maps/NAME.toml` under the current directory) or by path.
    pub fn load(name_or_path: &str) -> Result<Map, MapError> {
        if name_or_path == "standard" {
            return Ok(Map::standard());
        }
        let path = if name_or_path.ends_with(".toml") || name_or_path.contains('/') {
            std::path::PathBuf::from(name_or_path)
        } else {
            std::path::Path::new("maps").join(format!("{name_or_path}.toml"))
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| MapError::Io { path: path.display().to_string(), message: e.to_string() })?;
        Map::from_toml(&text, &path.display().to_string())
    }

    /// Number of powers.
    pub fn power_count(&self) -> usize {
        self.powers.len()
    }

    /// Number of provinces.
    pub fn province_count(&self) -> usize {
        self.provinces.len()
    }

    /// Number of locations (provinces and coasts).
    pub fn location_count(&self) -> usize {
        self.locations.len()
    }

    /// All powers in map order.
    pub fn powers(&self) -> impl ExactSizeIterator<Item = Power> + '_ {
        (0..self.powers.len() as u8).map(Power)
    }

    /// All provinces.
    pub fn provinces(&self) -> impl ExactSizeIterator<Item = Province> + '_ {
        (0..self.provinces.len() as u8).map(Province)
    }

    /// All locations.
    pub fn locations(&self) -> impl ExactSizeIterator<Item = Location> + '_ {
        (0..self.locations.len() as u8).map(Location)
    }

    /// A power's description.
    pub fn power(&self, p: Power) -> &PowerInfo {
        &self.powers[p.index()]
    }

    /// A province's description.
    pub fn province(&self, p: Province) -> &ProvinceInfo {
        &self.provinces[p.index()]
    }

    /// A location's description.
    pub fn location(&self, l: Location) -> &LocationInfo {
        &self.locations[l.index()]
    }

    /// The power with this name (any case).
    pub fn power_by_name(&self, name: &str) -> Option<Power> {
        self.powers.iter().position(|p| p.name.eq_ignore_ascii_case(name.trim())).map(|i| Power(i as u8))
    }

    /// The province with this abbreviation, name or alias (any case, spaces and dots ignored).
    pub fn province_by_name(&self, name: &str) -> Option<Province> {
        self.names.get(&normalize_name(name)).copied()
    }

    /// The province of a location.
    pub fn province_of(&self, l: Location) -> Province {
        self.locations[l.index()].province
    }

    /// The bare location of a province (where armies stand).
    pub fn main_location(&self, p: Province) -> Location {
        Location(p.0)
    }

    /// The location of `coast` in province `p`, if it has that coast.
    pub fn coast_location(&self, p: Province, coast: Coast) -> Option<Location> {
        self.provinces[p.index()].coasts.iter().copied().find(|&l| self.locations[l.index()].coast == Some(coast))
    }

    /// Whether a province has two or more coasts.
    pub fn is_bicoastal(&self, p: Province) -> bool {
        !self.provinces[p.index()].coasts.is_empty()
    }

    /// All supply centres.
    pub fn centers(&self) -> ProvinceSet {
        self.centers
    }

    /// All sea provinces.
    pub fn seas(&self) -> ProvinceSet {
        self.seas
    }

    /// The sea provinces a convoy from (or to) `p` could pass through: those joined to `p` by a
    /// chain of adjacent seas. A sea lies on some convoy route between `a` and `b` exactly when it
    /// is in `sea_spread(a) & sea_spread(b)`.
    pub fn sea_spread(&self, p: Province) -> ProvinceSet {
        self.sea_spread[p.index()]
    }

    /// The locations a unit of `kind` at `from` can move to.
    pub fn adjacent(&self, kind: UnitKind, from: Location) -> LocationSet {
        let info = &self.locations[from.index()];
        match kind {
            UnitKind::Army => info.army_adj,
            UnitKind::Fleet => info.fleet_adj,
        }
    }

    /// The provinces a unit of `kind` at `from` can reach (and so support into).
    pub fn reach(&self, kind: UnitKind, from: Location) -> ProvinceSet {
        let info = &self.locations[from.index()];
        match kind {
            UnitKind::Army => info.army_reach,
            UnitKind::Fleet => info.fleet_reach,
        }
    }

    /// Provinces next to `p` by any route (army or fleet), for civil-disorder distances.
    pub fn neighbours(&self, p: Province) -> ProvinceSet {
        self.any_adj[p.index()]
    }

    /// Whether a unit of `kind` may stand at `l`.
    pub fn can_stand(&self, kind: UnitKind, l: Location) -> bool {
        let info = &self.locations[l.index()];
        let terrain = self.provinces[info.province.index()].terrain;
        match kind {
            UnitKind::Army => info.coast.is_none() && matches!(terrain, Terrain::Land | Terrain::Coast),
            UnitKind::Fleet => match terrain {
                Terrain::Sea => true,
                Terrain::Coast => info.coast.is_some() || !self.is_bicoastal(info.province),
                Terrain::Land | Terrain::Impassable => false,
            },
        }
    }

    /// The location's text form, e.g. `PAR` or `STP/NC`.
    pub fn loc_name(&self, l: Location) -> LocName<'_> {
        LocName { map: self, loc: l }
    }

    /// The province's abbreviation.
    pub fn abbr(&self, p: Province) -> &str {
        &self.provinces[p.index()].abbr
    }

    /// The power's name.
    pub fn power_name(&self, p: Power) -> &str {
        &self.powers[p.index()].name
    }

    /// Parses a location such as `STP/NC`, `stp nc`, `St Petersburg (north coast)` or `Paris`.
    pub fn parse_location(&self, text: &str) -> Option<Location> {
        let (prov_text, coast) = split_coast(text);
        let prov = self.province_by_name(prov_text)?;
        match coast {
            None => Some(self.main_location(prov)),
            Some(c) => self.coast_location(prov, c),
        }
    }
}

/// Splits a trailing coast (`/NC`, `(nc)`, ` north coast`) off a location's text.
pub(crate) fn split_coast(text: &str) -> (&str, Option<Coast>) {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    for (suffixes, coast) in [
        (["/nc", "(nc)", " nc", "north coast", "(north coast)"], Coast::North),
        (["/sc", "(sc)", " sc", "south coast", "(south coast)"], Coast::South),
        (["/ec", "(ec)", " ec", "east coast", "(east coast)"], Coast::East),
        (["/wc", "(wc)", " wc", "west coast", "(west coast)"], Coast::West),
    ] {
        for s in suffixes {
            if lower.ends_with(s) {
                let rest = t[..t.len() - s.len()].trim_end();
                return (rest.trim_end_matches(['/', '(', ' ']), Some(coast));
            }
        }
    }
    (t, None)
}

/// Normalises a province name for lookup: lower case, words separated by one space (spaces,
/// dashes and underscores separate words; other punctuation is dropped), so "Mid-Atlantic" finds
/// "mid atlantic" while "SWE - DEN" finds nothing.
pub(crate) fn normalize_name(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            gap = true;
        }
    }
    out
}

/// Displays a location as `PAR` or `STP/NC`.
pub struct LocName<'a> {
    map: &'a Map,
    loc: Location,
}

impl fmt::Display for LocName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let info = &self.map.locations[self.loc.index()];
        f.write_str(self.map.abbr(info.province))?;
        if let Some(c) = info.coast {
            write!(f, "/{}", c.abbr())?;
        }
        Ok(())
    }
}

/// One value per power, indexed by [`Power`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ByPower<T>(pub [T; MAX_POWERS]);

impl<T: Copy + Default> Default for ByPower<T> {
    fn default() -> Self {
        ByPower([T::default(); MAX_POWERS])
    }
}

impl<T> std::ops::Index<Power> for ByPower<T> {
    type Output = T;
    fn index(&self, p: Power) -> &T {
        &self.0[p.index()]
    }
}

impl<T> std::ops::IndexMut<Power> for ByPower<T> {
    fn index_mut(&mut self, p: Power) -> &mut T {
        &mut self.0[p.index()]
    }
}

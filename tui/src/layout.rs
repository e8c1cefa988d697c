//! Where provinces are drawn: a map's layout file (`maps/NAME.layout.toml`).
//!
//! The file gives a grid size and, per province, the grid cell where its three-letter name
//! starts; the unit is drawn just left of the name and the centre marker just right of it. The
//! grid is scaled to the space the terminal gives the map. Errors name the file and line.

use legate_engine::map::{Province, MAX_PROVINCES};
use legate_engine::Map;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// The layout of the standard map, embedded so that `legate play` works from any directory.
pub const STANDARD_LAYOUT: &str = include_str!("../../maps/standard.layout.toml");

/// Where each province of a map is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLayout {
    /// Grid width in cells.
    pub width: u16,
    /// Grid height in cells.
    pub height: u16,
    at: Vec<(u16, u16)>,
}

/// A problem with a layout file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayoutError {
    /// The file.
    pub file: String,
    /// The line (1-based), when the problem has one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for LayoutError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LayoutFile {
    width: u16,
    height: u16,
    provinces: BTreeMap<String, (u16, u16)>,
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line where `key = …` is written, if any.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start().strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('=')))
        .map(|i| i + 1)
}

impl MapLayout {
    /// Parses a layout for `map` from `text` (read from `file`, named in errors).
    pub fn parse(text: &str, file: &str, map: &Map) -> Result<MapLayout, LayoutError> {
        let err = |line: Option<usize>, message: String| LayoutError { file: file.to_string(), line, message };
        let raw: LayoutFile =
            toml::from_str(text).map_err(|e| err(e.span().map(|s| line_of(text, s.start)), e.message().to_string()))?;
        if raw.width < 8 || raw.height < 4 {
            return Err(err(
                line_of_key(text, "width"),
                format!("grid {}x{} is too small (at least 8x4)", raw.width, raw.height),
            ));
        }
        let mut at = vec![None; map.province_count().min(MAX_PROVINCES)];
        for (abbr, &(x, y)) in &raw.provinces {
            let line = line_of_key(text, abbr);
            let Some(p) = map.province_by_name(abbr) else {
                return Err(err(line, format!("unknown province {abbr:?} (not on map {:?})", map.name)));
            };
            if x < 1 || u32::from(x) + 4 > u32::from(raw.width) || y >= raw.height {
                return Err(err(
                    line,
                    format!("{abbr} at [{x}, {y}] is off the grid: columns 1..={} and rows 0..{} fit a name with its unit and marker", raw.width - 4, raw.height),
                ));
            }
            // A province takes the cells x − 1 … x + 3 of its row: its unit, name and marker.
            if let Some(other) = map
                .provinces()
                .find(|q| at[q.index()].is_some_and(|(qx, qy): (u16, u16)| qy == y && qx.abs_diff(x) < 5))
            {
                return Err(err(
                    line,
                    format!(
                        "{abbr} at [{x}, {y}] overlaps {} on its row (provinces must be at least 5 columns apart)",
                        map.abbr(other)
                    ),
                ));
            }
            at[p.index()] = Some((x, y));
        }
        let missing: Vec<&str> = map.provinces().filter(|p| at[p.index()].is_none()).map(|p| map.abbr(p)).collect();
        if !missing.is_empty() {
            return Err(err(None, format!("no position for {}", missing.join(", "))));
        }
        Ok(MapLayout { width: raw.width, height: raw.height, at: at.into_iter().flatten().collect() })
    }

    /// The layout of the map loaded as `name` (as `legate --map` takes it): the embedded one for
    /// `standard`, otherwise `maps/NAME.layout.toml` or, for a map file `X.toml`, `X.layout.toml`.
    pub fn load(name: &str, map: &Map) -> Result<MapLayout, LayoutError> {
        if name == "standard" {
            return MapLayout::parse(STANDARD_LAYOUT, "maps/standard.layout.toml", map);
        }
        let file = if name.ends_with(".toml") || name.contains('/') {
            format!("{}.layout.toml", name.trim_end_matches(".toml"))
        } else {
            format!("maps/{name}.layout.toml")
        };
        let text = std::fs::read_to_string(&file).map_err(|e| LayoutError {
            file: file.clone(),
            line: None,
            message: format!("cannot read the map layout: {e}"),
        })?;
        MapLayout::parse(&text, &file, map)
    }

    /// Where province `p`'s name starts on the grid.
    pub fn at(&self, p: Province) -> (u16, u16) {
        self.at[p.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_layout_places_every_province_apart() {
        let map = Map::standard();
        let layout = MapLayout::load("standard", &map).unwrap();
        let mut cells = std::collections::HashSet::new();
        for p in map.provinces() {
            let (x, y) = layout.at(p);
            // The unit cell, the name, the marker: no two provinces share one.
            for c in x - 1..x + 4 {
                assert!(cells.insert((c, y)), "{} overlaps another province at [{c}, {y}]", map.abbr(p));
            }
        }
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let map = Map::standard();
        let text = "width = 56\nheight = 20\n[provinces]\nPAR = [3, 4]\nXYZ = [1, 1]\n";
        let e = MapLayout::parse(text, "x.layout.toml", &map).unwrap_err();
        assert_eq!(e.to_string(), "x.layout.toml:5: unknown province \"XYZ\" (not on map \"standard\")");
        let e = MapLayout::parse("width = 56\nheight = 20\n[provinces]\nPAR = [60, 4]\n", "x", &map).unwrap_err();
        assert!(e.to_string().starts_with("x:4: PAR at [60, 4] is off the grid"), "{e}");
        let e = MapLayout::parse("width = 56\nheight = 20\n[provinces]\nPAR = [3, 4]\n", "x", &map).unwrap_err();
        assert!(e.to_string().starts_with("x: no position for ADR, AEG"), "{e}");
        let e = MapLayout::parse("width = 56\nheight = \"a\"\n", "x", &map).unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        let e = MapLayout::parse("width = 56\nheight = 20\n[provinces]\nPAR = [65535, 4]\n", "x", &map).unwrap_err();
        assert!(e.to_string().starts_with("x:4: PAR at [65535, 4] is off the grid"), "{e}");
        let e = MapLayout::parse("width = 56\nheight = 20\n[provinces]\nBUR = [3, 4]\nPAR = [6, 4]\n", "x", &map)
            .unwrap_err();
        assert!(e.to_string().starts_with("x:5: PAR at [6, 4] overlaps BUR on its row"), "{e}");
    }
}

//! Presets as plain data: a named set of parameter values plus a musical [`Style`], and the
//! factory presets compiled into every binary.
//!
//! Reading preset files (TOML) and validating them is not the engine's job: see
//! `resonance_io::preset` (`Preset::parse`, `load`, `factory`, `find`). The engine needs only
//! the factory styles, for [`EngineConfig::default`](crate::EngineConfig): the build script
//! parses them at build time ([`factory_styles`]), so the engine carries no TOML parser.

mod literal;

use crate::params::{ParamId, ParamValues};
use crate::synth::Style;

include!(concat!(env!("OUT_DIR"), "/factory_presets.rs"));

/// A parsed and validated preset.
#[derive(Clone, Debug, PartialEq)]
pub struct Preset {
    /// The preset's name (unique among the factory presets).
    pub name: String,
    /// One line for lists and menus.
    pub description: String,
    /// Parameter values: the defaults, overridden by the preset's `[params]`.
    pub params: ParamValues,
    /// Which parameters the preset set explicitly.
    pub params_set: Vec<ParamId>,
    /// The musical style.
    pub style: Style,
}

/// The factory styles by preset name, in file-name order: the style table of
/// [`EngineConfig::default`](crate::EngineConfig). Equal to the names and styles of
/// `resonance_io::preset::Preset::factory()` (a test in `resonance-io` checks it); a preset
/// without a `[style]` table has [`Style::default`]. Empty if a factory style does not
/// deserialise, as the parsed factory would be (the I/O crate's tests rule that out).
pub fn factory_styles() -> Vec<(String, Style)> {
    FACTORY_STYLES
        .iter()
        .map(|(name, style)| {
            let style = match style {
                None => Ok(Style::default()),
                Some(v) => <Style as serde::Deserialize>::deserialize(*v),
            };
            style.map(|s| ((*name).to_string(), s))
        })
        .collect::<Result<Vec<_>, literal::Error>>()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_factory_style_deserialises_and_checks() {
        let all: Vec<_> = FACTORY_STYLES.iter().map(|(n, v)| (n, v.map(<Style as serde::Deserialize>::deserialize))).collect();
        assert_eq!(all.len(), FACTORY.len());
        for (name, style) in all {
            let style = style.transpose().unwrap_or_else(|e| panic!("{name}: {e}")).unwrap_or_default();
            style.check().unwrap_or_else(|e| panic!("{name}: {e:?}"));
        }
        assert_eq!(factory_styles().len(), FACTORY.len());
    }
}

//! Versioned TOML presets: engine parameter values plus a musical style.
//!
//! Parsed with serde off the audio thread into the engine's plain [`Preset`]. Factory presets
//! from `presets/styles/` are embedded in every binary (the engine's build script compiles
//! them in, [`resonance_engine::preset::FACTORY`]); users can load their own files. Errors name the file, the key and what is
//! allowed, so a typo in a preset is fixed in one go.
//!
//! ```toml
//! version = 1
//! name = "stadium-anthem"
//! description = "Big major-key anthem for goals and celebrations"
//!
//! [params]          # any parameter by its stable ID; see `resonance presets --params`
//! music_level = -8.0
//! intensity = 0.6
//!
//! [style]           # see resonance_engine::synth::Style
//! tempo_min = 96.0
//! tempo_max = 150.0
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use resonance_engine::params::{ParamId, ParamValues};
use resonance_engine::preset::FACTORY;
pub use resonance_engine::preset::Preset;
use resonance_engine::synth::Style;

use crate::IoError;

/// The preset format version this build reads and writes.
pub const PRESET_VERSION: u32 = 1;

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPreset {
    version: u32,
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    params: BTreeMap<String, toml::Value>,
    #[serde(default)]
    style: Option<toml::Value>,
}

fn err(file: &str, key: impl Into<String>, message: impl Into<String>) -> IoError {
    IoError::Preset { file: file.to_string(), key: key.into(), message: message.into() }
}

/// Parses and validates preset text. `file` is used in error messages.
///
/// # Errors
/// [`IoError::Preset`] naming the file, the key and what is allowed.
pub fn parse(file: &str, text: &str) -> Result<Preset, IoError> {
    let raw: RawPreset = toml::from_str(text).map_err(|e| {
        let msg = e.message().to_string();
        let key = msg.strip_prefix("unknown field `").and_then(|r| r.split('`').next()).unwrap_or("(document)").to_string();
        let line = e.span().map(|s| text[..s.start.min(text.len())].lines().count().max(1));
        let at = line.map(|l| format!(" (line {l})")).unwrap_or_default();
        err(file, key, format!("{msg}{at}; top-level keys are version, name, description, [params], [style]"))
    })?;
    if raw.version != PRESET_VERSION {
        let what =
            if raw.version > PRESET_VERSION { "is newer than this build reads; upgrade Resonance" } else { "is not a known version" };
        return Err(err(file, "version", format!("version {} {what} (allowed: {PRESET_VERSION})", raw.version)));
    }
    if raw.name.trim().is_empty() {
        return Err(err(file, "name", "must not be empty"));
    }
    let mut params = ParamValues::default();
    let mut params_set = Vec::new();
    for (key, value) in &raw.params {
        let id = ParamId::from_id(key).ok_or_else(|| {
            err(
                file,
                format!("params.{key}"),
                format!("unknown parameter; known parameters: {}", ParamId::ids().collect::<Vec<_>>().join(", ")),
            )
        })?;
        let info = id.info();
        let v = match value {
            toml::Value::Float(f) => *f,
            toml::Value::Integer(i) => *i as f64,
            toml::Value::Boolean(b) => f64::from(u8::from(*b)),
            toml::Value::String(s) => info.parse(s).map(f64::from).ok_or_else(|| {
                err(
                    file,
                    format!("params.{key}"),
                    format!("`{s}` is not a valid value; allowed range {}..={} {}", info.min, info.max, info.unit),
                )
            })?,
            other => {
                return Err(err(file, format!("params.{key}"), format!("expected a number, found {}", other.type_str())));
            }
        };
        if !v.is_finite() || v < f64::from(info.min) || v > f64::from(info.max) {
            return Err(err(
                file,
                format!("params.{key}"),
                format!("value {v} is out of range; allowed range {}..={} {}", info.min, info.max, info.unit),
            ));
        }
        params.set(id, v as f32);
        params_set.push(id);
    }
    let style = match raw.style {
        None => Style::default(),
        Some(v) => {
            let s: Style = v.try_into().map_err(|e: toml::de::Error| {
                let msg = e.message().to_string();
                let key = msg
                    .strip_prefix("unknown field `")
                    .and_then(|r| r.split('`').next())
                    .map_or("style".to_string(), |k| format!("style.{k}"));
                err(file, key, msg)
            })?;
            s.check().map_err(|(key, value, range)| err(file, key, format!("value {value} is out of range; allowed range {range}")))?;
            s
        }
    };
    Ok(Preset { name: raw.name, description: raw.description, params, params_set, style })
}

/// Reads and parses a preset file.
///
/// # Errors
/// [`IoError::Io`] if it cannot be read, else as [`parse`].
pub fn load(path: &Path) -> Result<Preset, IoError> {
    let text = std::fs::read_to_string(path).map_err(|cause| IoError::Io { path: path.to_path_buf(), cause })?;
    parse(&path.display().to_string(), &text)
}

/// Every factory preset, parsed. Factory presets are validated by a test, so this only
/// fails if the binary was built from broken presets.
///
/// # Errors
/// As [`parse`].
pub fn factory() -> Result<Vec<Preset>, IoError> {
    FACTORY.iter().map(|(file, text)| parse(&format!("presets/styles/{file}"), text)).collect()
}

/// Names of the factory presets.
pub fn factory_names() -> Vec<String> {
    factory().map(|v| v.into_iter().map(|p| p.name).collect()).unwrap_or_default()
}

/// Finds a factory preset by name, or loads `name_or_path` as a file if it names one.
///
/// # Errors
/// [`IoError::UnknownPreset`] listing the factory presets, or as [`load`].
pub fn find(name_or_path: &str) -> Result<Preset, IoError> {
    let all = factory()?;
    if let Some(p) = all.iter().find(|p| p.name == name_or_path) {
        return Ok(p.clone());
    }
    let path = Path::new(name_or_path);
    if path.extension().is_some_and(|e| e == "toml") || path.exists() {
        return load(path);
    }
    Err(IoError::UnknownPreset {
        name: name_or_path.to_string(),
        available: all.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_factory_preset_parses_and_names_are_unique() {
        let all = factory().expect("factory presets must parse");
        assert!(!all.is_empty());
        let mut names: Vec<_> = all.iter().map(|p| p.name.clone()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), all.len());
    }

    /// The engine's build-time factory styles (its `EngineConfig::default()` style table) are
    /// exactly what this parser makes of the same files.
    #[test]
    fn engine_factory_styles_equal_the_parsed_factory() {
        let parsed: Vec<(String, Style)> = factory().expect("factory presets parse").into_iter().map(|p| (p.name, p.style)).collect();
        assert_eq!(resonance_engine::preset::factory_styles(), parsed);
        assert_eq!(resonance_engine::EngineConfig::default().styles, parsed);
    }

    #[test]
    fn unknown_key_names_file_and_key() {
        let e = parse("x.toml", "version = 1\nname = \"a\"\ntempo = 3\n").unwrap_err().to_string();
        assert!(e.contains("x.toml") && e.contains("`tempo`"), "{e}");
    }

    #[test]
    fn out_of_range_param_names_key_and_range() {
        let e = parse("p.toml", "version = 1\nname = \"a\"\n[params]\nmusic_level = 40.0\n").unwrap_err().to_string();
        assert!(e.contains("p.toml") && e.contains("params.music_level") && e.contains("-60..=6"), "{e}");
        let e = parse("p.toml", "version = 1\nname = \"a\"\n[params]\nloudness = 1\n").unwrap_err().to_string();
        assert!(e.contains("params.loudness") && e.contains("music_level"), "{e}");
    }

    #[test]
    fn future_version_and_bad_style_are_rejected() {
        let e = parse("p.toml", "version = 9\nname = \"a\"\n").unwrap_err().to_string();
        assert!(e.contains("version") && e.contains("upgrade"), "{e}");
        let e = parse("p.toml", "version = 1\nname = \"a\"\n[style]\ntempo_min = 5.0\ntempo_max = 90.0\n").unwrap_err().to_string();
        assert!(e.contains("style.tempo_min") && e.contains("20..=300"), "{e}");
    }

    #[test]
    fn values_are_applied_and_unknown_preset_lists_available() {
        let p =
            parse("p.toml", "version = 1\nname = \"a\"\n[params]\nmusic_level = -12\nbypass = true\nmood_source = \"manual\"\n").unwrap();
        assert_eq!(p.params.get(ParamId::MusicLevel), -12.0);
        assert_eq!(p.params.get(ParamId::Bypass), 1.0);
        assert_eq!(p.params.get(ParamId::MoodSource), 2.0);
        let e = find("no-such-style").unwrap_err().to_string();
        assert!(e.contains("no-such-style") && e.contains("available"), "{e}");
    }
}

//! Compiles the factory presets from `../presets/styles/*.toml` into the engine.
//!
//! Two tables land in `$OUT_DIR/factory_presets.rs`:
//! * `FACTORY`: (file name, TOML text) of every preset, which `resonance_io::preset` parses
//!   and validates (names, descriptions, parameters, styles);
//! * `FACTORY_STYLES`: (name, `[style]` table) of every preset, parsed here at build time into
//!   constant value trees, which `preset::factory_styles` deserialises into
//!   [`Style`](crate::synth::Style)s with the same serde derive the TOML parser uses. So
//!   `EngineConfig::default()` gets the factory styles without a TOML parser in the engine.
use std::fmt::Write as _;
use std::{env, fs, path::Path};

fn main() {
    // Read at run time: cargo gives a workspace's build script the same hash wherever the
    // checkout lives, so a compiled-in `env!` path can name another (even deleted) clone.
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|e| panic!("cargo did not set CARGO_MANIFEST_DIR: {e}"));
    let dir = Path::new(&manifest).join("../presets/styles");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the factory presets in {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    assert!(!entries.is_empty(), "no factory presets (*.toml) in {}: the engine needs its styles", dir.display());
    entries.sort();
    let mut out = String::from("/// Factory style presets: (file name, TOML text).\npub static FACTORY: &[(&str, &str)] = &[\n");
    let mut styles = String::from(
        "/// Factory styles, parsed at build time: (preset name, its `[style]` table, if any).\n\
         static FACTORY_STYLES: &[(&str, Option<literal::Value>)] = &[\n",
    );
    for p in &entries {
        println!("cargo:rerun-if-changed={}", p.display());
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let full = p.canonicalize().unwrap_or_else(|_| p.clone());
        let _ = writeln!(out, "    ({name:?}, include_str!({:?})),", full.display().to_string());
        let text = fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
        let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("factory preset {name} is not valid TOML: {e}"));
        let preset_name = table.get("name").and_then(toml::Value::as_str).unwrap_or_else(|| panic!("factory preset {name} has no name"));
        let style = table.get("style").map_or_else(|| "None".to_string(), |v| format!("Some({})", literal(v)));
        let _ = writeln!(styles, "    ({preset_name:?}, {style}),");
    }
    out.push_str("];\n");
    styles.push_str("];\n");
    out.push_str(&styles);
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_default()).join("factory_presets.rs");
    fs::write(dest, out).unwrap_or_else(|e| panic!("cannot write factory preset table: {e}"));
}

/// A TOML value as a constant `literal::Value` expression. Floats print with `{:?}`, the
/// shortest text that reads back as the same `f64`.
fn literal(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => format!("literal::Value::Str({s:?})"),
        toml::Value::Integer(i) => format!("literal::Value::Int({i})"),
        toml::Value::Float(f) if f.is_nan() => "literal::Value::Float(f64::NAN)".to_string(),
        toml::Value::Float(f) if f.is_infinite() => {
            format!("literal::Value::Float({}f64::INFINITY)", if *f < 0.0 { "-" } else { "" })
        }
        toml::Value::Float(f) => format!("literal::Value::Float({f:?})"),
        toml::Value::Boolean(b) => format!("literal::Value::Bool({b})"),
        toml::Value::Datetime(d) => panic!("a factory style holds a date ({d}); styles have none"),
        toml::Value::Array(items) => {
            format!("literal::Value::Seq(&[{}])", items.iter().map(literal).collect::<Vec<_>>().join(", "))
        }
        toml::Value::Table(t) => {
            let fields: Vec<String> = t.iter().map(|(k, v)| format!("({k:?}, {})", literal(v))).collect();
            format!("literal::Value::Map(&[{}])", fields.join(", "))
        }
    }
}

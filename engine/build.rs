//! Embeds the factory presets from `../presets/styles/*.toml` into the engine.
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
    for p in &entries {
        println!("cargo:rerun-if-changed={}", p.display());
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let full = p.canonicalize().unwrap_or_else(|_| p.clone());
        let _ = writeln!(out, "    ({name:?}, include_str!({:?})),", full.display().to_string());
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_default()).join("factory_presets.rs");
    fs::write(dest, out).unwrap_or_else(|e| panic!("cannot write factory preset table: {e}"));
}

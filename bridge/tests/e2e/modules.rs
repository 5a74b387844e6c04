//! The bridge's modules depend on each other without cycles.
//!
//! Reads every `.rs` file under `bridge/src`, collects the `crate::...` paths it uses (in `use`
//! items and inline), resolves each to the deepest module file it names, and checks that the
//! graph of files is a DAG. Inside a directory module, children are named with `crate::` paths
//! too; `super::` is only allowed as `use super::*` in a test module, so every edge is seen.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// `a::b` for `src/a/b.rs` and `src/a/b/mod.rs`; `crate` for `lib.rs`.
fn module_path(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["lib"] { "crate".into() } else { parts.join("::") }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without comments and string literals (doc comments name modules too).
fn code(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut in_str = false;
        let mut prev = ' ';
        for c in line.chars() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            } else if !in_str {
                out.push(c);
            }
            prev = c;
        }
        out.push('\n');
    }
    out
}

/// Every `crate::a::b::...` path in `code`, plus `use` items that start at a child module of
/// `this` (`pub use routes::routes` in a `mod.rs`), as segment lists. `{...}` groups expand.
fn paths(code: &str, this: &str, modules: &BTreeSet<String>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let text = code;
    let mut starts: Vec<(usize, Vec<String>)> = text.match_indices("crate::").map(|(i, _)| (i + 7, vec![])).collect();
    for (i, _) in text.match_indices("use ") {
        let rest = &text[i + 4..];
        let first: String = rest.chars().take_while(|c| ident(*c)).collect();
        let child = if this == "crate" { first.clone() } else { format!("{this}::{first}") };
        if !first.is_empty() && first != "crate" && first != "super" && first != "self" && modules.contains(&child) {
            let prefix = if this == "crate" { vec![] } else { this.split("::").map(String::from).collect() };
            starts.push((i + 4, prefix));
        }
    }
    for (start, prefix) in starts {
        // Read `a::b::{c, d::e}` (one level of braces is enough for this crate).
        let rest: String = text[start..].chars().take_while(|c| ident(*c) || ":{}, \n".contains(*c)).collect();
        let (head, group) = match rest.find('{') {
            Some(b) if rest[..b].ends_with("::") => (rest[..b].to_string(), rest[b + 1..].split('}').next().unwrap_or("").to_string()),
            _ => (rest.split(|c: char| !(ident(c) || c == ':')).next().unwrap_or("").to_string(), String::new()),
        };
        let head: Vec<String> = head.split("::").filter(|s| !s.is_empty()).map(String::from).collect();
        let mut base = prefix.clone();
        base.extend(head);
        if group.is_empty() {
            out.push(base);
        } else {
            for item in group.split(',') {
                let mut p = base.clone();
                p.extend(item.trim().split("::").filter(|s| !s.is_empty() && *s != "self").map(String::from));
                out.push(p);
            }
        }
    }
    out
}

/// The deepest module named by `path` (`None` for the crate root and external re-exports).
fn resolve(path: &[String], modules: &BTreeSet<String>) -> Option<String> {
    (1..=path.len()).rev().map(|n| path[..n].join("::")).find(|m| modules.contains(m))
}

/// Depth-first search from `m`; a back edge is a cycle, returned as its path.
fn visit<'a>(
    m: &'a str,
    graph: &'a BTreeMap<String, BTreeSet<String>>,
    state: &mut BTreeMap<&'a str, u8>,
    stack: &mut Vec<&'a str>,
) -> Option<Vec<String>> {
    match state.get(m) {
        Some(2) => return None,
        Some(1) => {
            let at = stack.iter().position(|s| *s == m).unwrap_or(0);
            let mut cycle: Vec<String> = stack[at..].iter().map(|s| (*s).to_string()).collect();
            cycle.push(m.to_string());
            return Some(cycle);
        }
        _ => {}
    }
    state.insert(m, 1);
    stack.push(m);
    for d in graph.get(m).into_iter().flatten() {
        if let Some(c) = visit(d, graph, state, stack) {
            return Some(c);
        }
    }
    stack.pop();
    state.insert(m, 2);
    None
}

#[test]
fn module_graph_is_acyclic() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_path(&src, f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut bad_super = Vec::new();
    for f in &files {
        let this = module_path(&src, f);
        let text = std::fs::read_to_string(f).unwrap();
        let code = code(&text);
        for line in code.lines().filter(|l| l.contains("super::")) {
            if line.trim() != "use super::*;" {
                bad_super.push(format!("{this}: {}", line.trim()));
            }
        }
        let deps = graph.entry(this.clone()).or_default();
        if this == "crate" {
            continue; // The root declares and re-exports everything.
        }
        for p in paths(&code, &this, &modules) {
            if let Some(m) = resolve(&p, &modules)
                && m != this
            {
                deps.insert(m);
            }
        }
    }
    if std::env::var_os("RESONANCE_PRINT_MODULES").is_some() {
        for (m, deps) in &graph {
            println!("{m} -> {}", deps.iter().cloned().collect::<Vec<_>>().join(", "));
        }
    }
    assert!(bad_super.is_empty(), "name modules with crate:: paths, not super:: ones:\n{}", bad_super.join("\n"));
    assert!(graph.len() > 20, "found only {} modules under {}", graph.len(), src.display());
    let mut state = BTreeMap::new();
    for m in graph.keys() {
        if let Some(cycle) = visit(m, &graph, &mut state, &mut Vec::new()) {
            panic!("import cycle between bridge modules: {}", cycle.join(" -> "));
        }
    }
}

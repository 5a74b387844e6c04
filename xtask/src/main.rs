//! Project automation (`cargo xtask ...`).
//!
//! `cargo xtask bundle <package> [--release]` builds the package's cdylib and lays it out as
//! plugin bundles under `target/bundled/`, named from `bundler.toml`:
//!
//! * CLAP: `<name>.clap` (a single library file on Linux and Windows; a bundle directory with
//!   `Contents/MacOS/<name>` on macOS).
//! * VST3: `<name>.vst3/Contents/<arch>-linux/<name>.so` on Linux,
//!   `<name>.vst3/Contents/x86_64-win/<name>.vst3` on Windows,
//!   `<name>.vst3/Contents/MacOS/<name>` (+ `Info.plist`) on macOS, following Steinberg's
//!   "Plug-in Format Structure" page of the VST 3 developer portal.
//!
//! The same library serves both formats: it exports `clap_entry` and, through clap-wrapper,
//! the VST3 entry points.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("bundle") => bundle(&args[1..]),
        Some(other) => bail!("unknown xtask `{other}`; available: bundle <package> [--release]"),
        None => {
            eprintln!("usage: cargo xtask bundle <package> [--release]");
            Ok(())
        }
    }
}

fn workspace_root() -> PathBuf {
    // `cargo xtask` (`cargo run`) sets CARGO_MANIFEST_DIR for the run as well: prefer it over
    // the compile-time path, so a binary built from another checkout into a shared
    // CARGO_TARGET_DIR still bundles this one.
    let here = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    here.parent().map_or_else(|| here.clone(), Path::to_path_buf)
}

/// The bundle name of `package` from bundler.toml (the package name when it has no entry).
fn bundle_name(root: &Path, package: &str) -> anyhow::Result<String> {
    let path = root.join("bundler.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(package.to_string()),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let table: toml::Table = toml::from_str(&text).with_context(|| format!("{} is not valid TOML; fix its syntax", path.display()))?;
    Ok(table.get(package).and_then(|t| t.get("name")).and_then(|n| n.as_str()).unwrap_or(package).to_string())
}

fn library_file_name(package: &str) -> String {
    let stem = package.replace('-', "_");
    if cfg!(target_os = "windows") {
        format!("{stem}.dll")
    } else if cfg!(target_os = "macos") {
        format!("lib{stem}.dylib")
    } else {
        format!("lib{stem}.so")
    }
}

fn bundle(args: &[String]) -> anyhow::Result<()> {
    let mut package = None;
    let mut release = false;
    for a in args {
        match a.as_str() {
            "--release" => release = true,
            flag if flag.starts_with('-') => bail!("unknown option `{flag}`; usage: cargo xtask bundle <package> [--release]"),
            p => package = Some(p.to_string()),
        }
    }
    let Some(package) = package else { bail!("which package? usage: cargo xtask bundle <package> [--release]") };
    let root = workspace_root();
    let name = bundle_name(&root, &package)?;

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut build = Command::new(cargo);
    build.current_dir(&root).args(["build", "--lib", "-p", &package]);
    if release {
        build.arg("--release");
    }
    let status = build.status().context("running cargo build")?;
    if !status.success() {
        bail!("cargo build -p {package} failed; fix the build errors above and run the bundler again");
    }

    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let lib = target.join(if release { "release" } else { "debug" }).join(library_file_name(&package));
    if !lib.is_file() {
        bail!("{} was not built; is `{package}` a cdylib crate?", lib.display());
    }
    let out = target.join("bundled");
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let clap = write_clap(&lib, &out, &name)?;
    let vst3 = write_vst3(&lib, &out, &name)?;
    println!("CLAP: {}", clap.display());
    println!("VST3: {}", vst3.display());
    Ok(())
}

fn copy(from: &Path, to: &Path) -> anyhow::Result<()> {
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    // Remove first: a host may have the old file mapped; a fresh inode keeps it intact.
    let _ = std::fs::remove_file(to);
    std::fs::copy(from, to).with_context(|| format!("copying {} to {}", from.display(), to.display()))?;
    Ok(())
}

fn info_plist(name: &str, extension: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>CFBundleExecutable</key><string>{name}</string>
  <key>CFBundleIdentifier</key><string>org.resonance.{name}.{extension}</string>
  <key>CFBundleName</key><string>{name}</string>
  <key>CFBundlePackageType</key><string>BNDL</string>
  <key>CFBundleSignature</key><string>????</string>
  <key>CFBundleVersion</key><string>{version}</string>
</dict>
</plist>
"#,
        version = env!("CARGO_PKG_VERSION")
    )
}

fn write_mac_bundle(lib: &Path, dir: &Path, name: &str, extension: &str) -> anyhow::Result<()> {
    let _ = std::fs::remove_dir_all(dir);
    copy(lib, &dir.join("Contents/MacOS").join(name))?;
    std::fs::write(dir.join("Contents/Info.plist"), info_plist(name, extension))?;
    std::fs::write(dir.join("Contents/PkgInfo"), "BNDL????")?;
    Ok(())
}

fn write_clap(lib: &Path, out: &Path, name: &str) -> anyhow::Result<PathBuf> {
    let path = out.join(format!("{name}.clap"));
    if cfg!(target_os = "macos") {
        write_mac_bundle(lib, &path, name, "clap")?;
    } else {
        copy(lib, &path)?;
    }
    Ok(path)
}

fn write_vst3(lib: &Path, out: &Path, name: &str) -> anyhow::Result<PathBuf> {
    let dir = out.join(format!("{name}.vst3"));
    if cfg!(target_os = "macos") {
        write_mac_bundle(lib, &dir, name, "vst3")?;
        return Ok(dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let arch = std::env::consts::ARCH;
    let file = if cfg!(target_os = "windows") {
        dir.join(format!("Contents/{arch}-win/{name}.vst3"))
    } else {
        dir.join(format!("Contents/{arch}-linux/{name}.so"))
    };
    copy(lib, &file)?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_names_come_from_bundler_toml() {
        let root = workspace_root();
        assert_eq!(bundle_name(&root, "resonance-plugin").unwrap(), "Resonance");
        assert_eq!(bundle_name(&root, "not-listed").unwrap(), "not-listed");
        let dir = std::env::temp_dir().join(format!("xtask-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("bundler.toml"), "[x\n").unwrap();
        let msg = format!("{:#}", bundle_name(&dir, "x").unwrap_err());
        assert!(msg.contains("fix its syntax"), "{msg}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn library_names_follow_the_platform() {
        let name = library_file_name("resonance-plugin");
        assert!(name.contains("resonance_plugin"), "{name}");
    }
}
